package checks

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// The expressions a spec writes as strings for AWS to parse: schedules,
// time zones, event patterns and JSON inputs. CUE checks their outline;
// these rules check them as EventBridge, EventBridge Scheduler and Lambda
// read them.

// scheduleExpr is one schedule expression of the spec and where.
type scheduleExpr struct{ path, expr string }

// schedules returns every schedule expression, sorted by path.
func (c *Context) schedules() []scheduleExpr {
	var out []scheduleExpr
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if s := e.Schedule; s != nil {
			out = append(out, scheduleExpr{path + ".schedule.expression", s.Expression})
		}
		if s := e.ScheduleV2; s != nil {
			out = append(out, scheduleExpr{path + ".scheduleV2.expression", s.Expression})
		}
	})
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		for _, ev := range sortedKeys(sm.Events) {
			if s := sm.Events[ev].Schedule; s != nil {
				out = append(out, scheduleExpr{"stateMachines." + schema.Label(name) + ".events." + schema.Label(ev) + ".schedule.expression", s.Expression})
			}
		}
	}
	for _, name := range sortedKeys(c.App.Rules) {
		if s, ok := c.App.Rules[name].Schedule.Str(); ok {
			out = append(out, scheduleExpr{"rules." + schema.Label(name) + ".schedule", s})
		}
	}
	return out
}

func scheduleExpressions(c *Context) {
	for _, s := range c.schedules() {
		if msg := checkSchedule(s.expr); msg != "" {
			c.Report(s.path, "%s", msg)
		}
	}
}

var (
	rateExpr = regexp.MustCompile(`^rate\(([^ ]*) ([^ ]*)\)$`)
	cronExpr = regexp.MustCompile(`^cron\((.*)\)$`)
	atExpr   = regexp.MustCompile(`^at\((.*)\)$`)
)

// checkSchedule returns what is wrong with a schedule expression, or "".
// The syntax is EventBridge's (docs: EventBridge "Schedule expressions",
// Scheduler "Schedule types").
func checkSchedule(expr string) string {
	if m := rateExpr.FindStringSubmatch(expr); m != nil {
		return checkRate(expr, m[1], m[2])
	}
	if strings.HasPrefix(expr, "rate(") {
		return fmt.Sprintf("%s is not a rate expression: write rate(VALUE UNIT), such as rate(5 minutes) or rate(1 hour)", expr)
	}
	if m := cronExpr.FindStringSubmatch(expr); m != nil {
		return checkCron(expr, m[1])
	}
	if m := atExpr.FindStringSubmatch(expr); m != nil {
		// The schema takes at(...) for Scheduler schedules only.
		if _, err := time.Parse("2006-01-02T15:04:05", m[1]); err != nil {
			return fmt.Sprintf("%s: an at expression is at(yyyy-mm-ddThh:mm:ss), such as at(2026-12-01T10:00:00)", expr)
		}
	}
	return ""
}

func checkRate(expr, value, unit string) string {
	n, err := strconv.Atoi(value)
	if err != nil || n < 1 || value != strconv.Itoa(n) {
		return fmt.Sprintf("%s: the value of a rate is a whole number of 1 or more, such as rate(5 minutes)", expr)
	}
	singular := strings.TrimSuffix(unit, "s")
	if !slices.Contains([]string{"minute", "hour", "day"}, singular) {
		return fmt.Sprintf("%s: the unit of a rate is minute, hour or day (minutes, hours or days above 1); for weeks or months, use a cron expression", expr)
	}
	if n == 1 && unit != singular {
		return fmt.Sprintf("%s: with a value of 1 the unit is singular: rate(1 %s)", expr, singular)
	}
	if n > 1 && unit == singular {
		return fmt.Sprintf("%s: with a value above 1 the unit is plural: rate(%d %ss)", expr, n, singular)
	}
	return ""
}

// cronField describes one field of a cron expression.
type cronField struct {
	name     string
	min, max int
	names    []string // JAN-DEC, SUN-SAT
	extra    *regexp.Regexp
}

var cronFields = []cronField{
	{name: "minutes", max: 59},
	{name: "hours", max: 23},
	{name: "day-of-month", min: 1, max: 31, extra: regexp.MustCompile(`^(L|LW|L-[0-9]{1,2}|[0-9]{1,2}W)$`)},
	{name: "month", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
	{name: "day-of-week", min: 1, max: 7, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}, extra: regexp.MustCompile(`^(L|[1-7]L|[A-Z]{3}L|[1-7]#[1-5]|[A-Z]{3}#[1-5])$`)},
	{name: "year", min: 1970, max: 2199},
}

func checkCron(expr, body string) string {
	fields := strings.Fields(body)
	if len(fields) != 6 {
		return fmt.Sprintf("%s has %d fields; a cron expression has 6: minutes, hours, day-of-month, month, day-of-week and year, such as cron(0 12 * * ? *)", expr, len(fields))
	}
	dom, dow := fields[2], fields[4]
	switch {
	case dom == "?" && dow == "?":
		return fmt.Sprintf("%s: day-of-month and day-of-week are both '?'; give one of them a value or '*', such as cron(0 12 * * ? *)", expr)
	case dom != "?" && dow != "?":
		return fmt.Sprintf("%s: day-of-month (%s) and day-of-week (%s) cannot both be given; write '?' in one of them, such as cron(%s %s %s %s ? %s)", expr, dom, dow, fields[0], fields[1], dom, fields[3], fields[5])
	}
	for i, f := range cronFields {
		if f.name == "day-of-month" && dom == "?" || f.name == "day-of-week" && dow == "?" {
			continue
		}
		if !f.valid(fields[i]) {
			return fmt.Sprintf("%s: %q is not a valid %s field (%s)", expr, fields[i], f.name, f.describe())
		}
	}
	return ""
}

func (f cronField) describe() string {
	s := fmt.Sprintf("%d-%d", f.min, f.max)
	if len(f.names) > 0 {
		s += " or " + f.names[0] + "-" + f.names[len(f.names)-1]
	}
	return s + ", with , - * /"
}

// valid reports whether v is a list of items of field f: *, a value, a
// range a-b, any of them /step, or a field's own forms (L, W, #).
func (f cronField) valid(v string) bool {
	for _, item := range strings.Split(v, ",") {
		if f.extra != nil && f.extra.MatchString(item) {
			continue
		}
		base, step, stepped := strings.Cut(item, "/")
		if stepped {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return false
			}
		}
		if base == "*" {
			continue
		}
		lo, hi, isRange := strings.Cut(base, "-")
		if !f.value(lo) || isRange && !f.value(hi) {
			return false
		}
	}
	return true
}

func (f cronField) value(s string) bool {
	if slices.Contains(f.names, s) {
		return true
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= f.min && n <= f.max
}

// timeZones are the IANA time zone names EventBridge Scheduler accepts.
//
//go:embed timezones.txt
var timeZoneList string

func timeZones() []string {
	var out []string
	for _, l := range strings.Split(timeZoneList, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func scheduleTimezones(c *Context) {
	zones := timeZones()
	c.eachEvent(func(fn string, e schema.Event, path string) {
		s := e.ScheduleV2
		if s == nil || s.Timezone == "" {
			return
		}
		if _, ok := slices.BinarySearch(zones, s.Timezone); ok {
			return
		}
		msg := fmt.Sprintf("time zone %q is not an IANA time zone name (such as Europe/Paris or UTC)", s.Timezone)
		if sug := didyoumean.Suggest(s.Timezone, zones); sug != "" && sug != s.Timezone {
			msg += fmt.Sprintf("; did you mean %q?", sug)
		}
		c.Report(path+".scheduleV2.timezone", "%s", msg)
	})
}

// pattern is one event pattern or filter of the spec.
type pattern struct {
	path  string
	value any
	// what the pattern is, for messages: "filter", "event pattern",
	// "filter policy".
	what string
}

// patterns returns every event pattern, filter and filter policy, sorted
// by path: Lambda filters (JSON text), EventBridge patterns and SNS filter
// policies (objects).
func (c *Context) patterns() (out []pattern, malformed []pattern) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if t, opts, ok := e.Type(); ok {
			if f, ok := opts.(schema.Filtered); ok {
				for i, fl := range f.FilterList() {
					p := fmt.Sprintf("%s.%s.filters[%d].pattern", path, t.Name, i)
					var v any
					if err := json.Unmarshal([]byte(fl.Pattern), &v); err != nil {
						malformed = append(malformed, pattern{p, err.Error(), "filter"})
						continue
					}
					out = append(out, pattern{p, v, "filter"})
				}
			}
		}
		if eb := e.EventBridge; eb != nil {
			out = append(out, pattern{path + ".eventBridge.pattern", jsonValue(eb.Pattern), "event pattern"})
		}
		if s := e.SNS; s != nil && s.FilterPolicy != nil {
			out = append(out, pattern{path + ".sns.filterPolicy", jsonValue(s.FilterPolicy), "filter policy"})
		}
	})
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		for _, ev := range sortedKeys(sm.Events) {
			if eb := sm.Events[ev].EventBridge; eb != nil {
				out = append(out, pattern{"stateMachines." + schema.Label(name) + ".events." + schema.Label(ev) + ".eventBridge.pattern", jsonValue(eb.Pattern), "event pattern"})
			}
		}
	}
	for _, name := range sortedKeys(c.App.Rules) {
		if p := c.App.Rules[name].Pattern; p != nil {
			out = append(out, pattern{"rules." + schema.Label(name) + ".pattern", jsonValue(p), "event pattern"})
		}
	}
	for _, name := range sortedKeys(c.App.Subscriptions) {
		if p := c.App.Subscriptions[name].FilterPolicy; p != nil {
			out = append(out, pattern{"subscriptions." + schema.Label(name) + ".filterPolicy", jsonValue(p), "filter policy"})
		}
	}
	return out, malformed
}

// jsonValue turns a decoded pattern into the JSON it renders as.
func jsonValue[T any](v T) any {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func eventPatterns(c *Context) {
	ps, malformed := c.patterns()
	for _, p := range malformed {
		c.Report(p.path, "the filter pattern is not JSON (%s); write a JSON object such as {\"body\": {\"type\": [\"order\"]}}", p.value)
	}
	for _, p := range ps {
		m, ok := p.value.(map[string]any)
		if !ok || len(m) == 0 {
			c.Report(p.path, "an %s is a JSON object of at least one field, such as {\"source\": [\"shop.orders\"]}", p.what)
			continue
		}
		if at, msg := patternProblem(m, patternAt{}); msg != "" {
			if p.what == "filter" {
				// JSON text: the position is the string's.
				c.Report(p.path, "%s: %s", at.shown, msg)
			} else {
				c.Report(p.path+at.spec, "%s: %s", at.shown, msg)
			}
		}
	}
}

// matchers are the content filters an array element of a pattern may be
// (EventBridge "Content filtering", Lambda event filtering, SNS filter
// policies).
var matchers = []string{"anything-but", "cidr", "equals-ignore-case", "exists", "numeric", "prefix", "suffix", "wildcard"}

// patternAt is where in a pattern a problem is: the fields leading to
// it, as a person reads them (body.n) and as a spec path suffix.
type patternAt struct{ shown, spec string }

func (a patternAt) field(k string) patternAt {
	return patternAt{strings.TrimPrefix(a.shown+"."+k, "."), a.spec + "." + schema.Label(k)}
}

// patternProblem returns the first problem of an event pattern object,
// and where it is, or "".
func patternProblem(m map[string]any, at patternAt) (patternAt, string) {
	for _, k := range sortedKeys(m) {
		field := at.field(k)
		switch v := m[k].(type) {
		case map[string]any:
			if expression(v) {
				continue // known at deploy time
			}
			if len(v) == 0 {
				return field, "an empty object matches nothing; give its fields, or drop it"
			}
			if a, msg := patternProblem(v, field); msg != "" {
				return a, msg
			}
		case []any:
			if k == "$or" {
				for i, alt := range v {
					o, ok := alt.(map[string]any)
					if !ok {
						return field, "each alternative of $or is an object of fields"
					}
					if a, msg := patternProblem(o, patternAt{at.shown, fmt.Sprintf("%s[%d]", field.spec, i)}); msg != "" {
						return a, msg
					}
				}
				continue
			}
			if len(v) == 0 {
				return field, "an empty array matches nothing; list the values to match"
			}
			for _, el := range v {
				if msg := matcherProblem(el); msg != "" {
					return field, msg
				}
			}
		default:
			return field, fmt.Sprintf("a pattern matches a field with an array of values: write [%s]", jsonText(v))
		}
	}
	return patternAt{}, ""
}

// expression reports whether a JSON value of a pattern is a reference
// to a declared resource or an intrinsic function.
func expression(x any) bool {
	if _, _, ok := schema.AsAttrRef(x); ok {
		return true
	}
	_, _, ok := schema.V(x).Intrinsic()
	return ok
}

// matcherProblem returns what is wrong with one element of a pattern
// array, or "".
func matcherProblem(el any) string {
	o, ok := el.(map[string]any)
	if !ok || expression(el) {
		return "" // a string, number, boolean or null matches itself, as does a value given by reference or expression
	}
	if len(o) != 1 {
		return fmt.Sprintf("a matcher object has one operator (%s), not %d", strings.Join(matchers, ", "), len(o))
	}
	for op, v := range o {
		if !slices.Contains(matchers, op) {
			msg := fmt.Sprintf("%q is not a matcher (%s)", op, strings.Join(matchers, ", "))
			if s := didyoumean.Suggest(op, matchers); s != "" && s != op {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return msg
		}
		switch op {
		case "exists":
			if _, ok := v.(bool); !ok {
				return "exists takes true or false"
			}
		case "numeric":
			l, ok := v.([]any)
			if !ok || len(l) != 2 && len(l) != 4 {
				return "numeric takes one or two comparisons: [\">\", 0] or [\">\", 0, \"<=\", 5]"
			}
			for i := 0; i < len(l); i += 2 {
				op, _ := l[i].(string)
				if _, num := l[i+1].(float64); !slices.Contains([]string{"<", "<=", "=", ">", ">="}, op) || !num {
					return "numeric takes comparisons of <, <=, =, > or >= with numbers: [\">\", 0, \"<=\", 5]"
				}
			}
		case "prefix", "suffix":
			if _, ok := v.(string); !ok {
				if m, ok := v.(map[string]any); !ok || len(m) != 1 || m["equals-ignore-case"] == nil {
					return op + " takes a string (or {\"equals-ignore-case\": \"...\"})"
				}
			}
		case "cidr", "equals-ignore-case", "wildcard":
			if _, ok := v.(string); !ok {
				return op + " takes a string"
			}
		}
	}
	return ""
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// jsonInput is one input the spec gives as JSON text.
type jsonInput struct{ path, text string }

func (c *Context) jsonInputs() []jsonInput {
	var out []jsonInput
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if s := e.Schedule; s != nil {
			out = appendInput(out, path+".schedule.input", s.Input)
		}
		if s := e.ScheduleV2; s != nil {
			out = appendInput(out, path+".scheduleV2.input", s.Input)
		}
	})
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		for _, ev := range sortedKeys(sm.Events) {
			if s := sm.Events[ev].Schedule; s != nil {
				out = appendInput(out, "stateMachines."+schema.Label(name)+".events."+schema.Label(ev)+".schedule.input", s.Input)
			}
		}
	}
	for _, name := range sortedKeys(c.App.Rules) {
		r := c.App.Rules[name]
		for _, t := range sortedKeys(r.Targets) {
			out = appendInput(out, "rules."+schema.Label(name)+".targets."+schema.Label(t)+".input", r.Targets[t].Input)
		}
	}
	return out
}

// appendInput adds an input given as literal text; an expression is
// known at deploy time only.
func appendInput(out []jsonInput, path string, v schema.Value) []jsonInput {
	if s, ok := v.Str(); ok && s != "" {
		out = append(out, jsonInput{path, s})
	}
	return out
}

// transformPlaceholder matches a placeholder of an input transformer's
// template: <name>.
var transformPlaceholder = regexp.MustCompile(`<([A-Za-z0-9_.-]+)>`)

func inputs(c *Context) {
	for _, in := range c.jsonInputs() {
		if !json.Valid([]byte(in.text)) {
			c.Report(in.path, "input %q is not JSON; the target receives it as its event: write a JSON value such as {\"action\": \"refresh\"}", in.text)
		}
	}
	for _, name := range sortedKeys(c.App.Rules) {
		r := c.App.Rules[name]
		for _, t := range sortedKeys(r.Targets) {
			tr := r.Targets[t].Transform
			if tr == nil {
				continue
			}
			p := "rules." + schema.Label(name) + ".targets." + schema.Label(t) + ".transform"
			for _, k := range sortedKeys(tr.Paths) {
				if v := tr.Paths[k]; !strings.HasPrefix(v, "$") {
					c.Report(p+".paths."+schema.Label(k), "path %q of an input transformer is a JSON path into the event, starting with $: such as $.detail.id", v)
				}
			}
			for _, m := range transformPlaceholder.FindAllStringSubmatch(tr.Template, -1) {
				if _, ok := tr.Paths[m[1]]; !ok && !strings.HasPrefix(m[1], "aws.") {
					c.Report(p+".template", "the template uses <%s>, which paths does not declare; add it to paths (or write it as text)", m[1])
				}
			}
		}
	}
}
