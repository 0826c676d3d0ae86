package checks

import (
	"maps"
	"slices"
)

func subscriptionShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Subscriptions)) {
		s := c.App.Subscriptions[name]
		p := "subscriptions." + name
		kind := map[bool]string{true: "FIFO", false: "standard"}
		tf := c.App.Fifo(s.Topic)
		if qf := c.App.Fifo(s.Queue); qf != tf {
			c.Report(p+".queue", "%s topic %s cannot deliver to %s queue %s", kind[tf], s.Topic.Name, kind[qf], s.Queue.Name)
		}
		if s.DeadLetter != nil && c.App.Fifo(*s.DeadLetter) != tf {
			c.Report(p+".deadLetter", "the dead-letter queue of a %s subscription must be %s", kind[tf], kind[tf])
		}
	}
}
