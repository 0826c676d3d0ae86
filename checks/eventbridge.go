package checks

import (
	"maps"
	"slices"
)

func ruleShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Rules)) {
		r := c.App.Rules[name]
		p := "rules." + name
		switch {
		case (r.Pattern == nil) == r.Schedule.IsZero():
			c.Report(p, "rule %s needs exactly one of pattern and schedule", name)
		case !r.Schedule.IsZero() && r.Bus != nil && c.App.Owned(*r.Bus):
			c.Report(p+".schedule", "a scheduled rule runs on the default bus only")
		}
		if n := len(r.Targets); n == 0 || n > 5 {
			c.Report(p+".targets", "rule %s has %d targets; EventBridge takes 1 to 5", name, n)
		}
		for _, tn := range slices.Sorted(maps.Keys(r.Targets)) {
			t := r.Targets[tn]
			tp := p + ".targets." + tn
			if t.Target() == nil {
				c.Report(tp, "a target has exactly one of queue, topic, stateMachine, function")
				continue
			}
			if !t.Input.IsZero() && t.Transform != nil {
				c.Report(tp+".input", "a target takes input or transform, not both")
			}
			if t.Queue != nil && c.App.Fifo(*t.Queue) && t.MessageGroupID.IsZero() {
				c.Report(tp+".queue", "FIFO queue %s needs a messageGroupId", t.Queue.Name)
			}
			if t.Topic != nil && c.App.Fifo(*t.Topic) {
				c.Report(tp+".topic", "FIFO topic %s cannot be an EventBridge target", t.Topic.Name)
			}
			if t.DeadLetter != nil && c.App.Fifo(*t.DeadLetter) {
				c.Report(tp+".deadLetter", "FIFO queue %s cannot be an EventBridge dead-letter queue", t.DeadLetter.Name)
			}
		}
	}
}
