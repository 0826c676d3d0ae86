package checks

import (
	"time"
)

// Lifecycle holds a runtime's dates, as cfn-lint's LmbdRuntimeLifecycle
// data does: deprecation (warn), block of function creation (error), block
// of updates (error). Dates, not verdicts: the verdict depends on the day
// samgen runs. A zero date means "not announced".
type Lifecycle struct {
	Deprecated, CreateBlock, UpdateBlock string
	// Successor is the runtime to move to.
	Successor string
	// Blocked marks runtimes retired for good; the source lists no dates
	// for them.
	Blocked bool
}

const (
	nodeNext   = "nodejs24.x"
	pythonNext = "python3.14"
	javaNext   = "java25"
	dotnetNext = "dotnet10"
	rubyNext   = "ruby4.0"
	osNext     = "provided.al2023"
)

// Runtimes is the lifecycle table (source: aws-facts.md §1, from cfn-lint
// and the Lambda runtime page, 2026-11-26).
var Runtimes = map[string]Lifecycle{
	"nodejs24.x":     {"2028-04-30", "2028-06-01", "2028-07-01", nodeNext, false},
	"nodejs22.x":     {"2027-04-30", "2027-06-01", "2027-07-01", nodeNext, false},
	"nodejs20.x":     {"2026-04-30", "2027-02-01", "2027-03-03", nodeNext, false},
	"nodejs18.x":     {"2025-09-01", "2027-02-01", "2027-03-03", nodeNext, false},
	"nodejs16.x":     {"2024-06-12", "2027-02-01", "2027-03-03", nodeNext, false},
	"nodejs14.x":     {"2023-12-04", "2024-01-09", "2027-03-03", nodeNext, false},
	"nodejs12.x":     {Successor: nodeNext, Blocked: true},
	"nodejs10.x":     {Successor: nodeNext, Blocked: true},
	"nodejs8.10":     {Successor: nodeNext, Blocked: true},
	"nodejs6.10":     {Successor: nodeNext, Blocked: true},
	"nodejs4.3":      {Successor: nodeNext, Blocked: true},
	"nodejs":         {Successor: nodeNext, Blocked: true},
	"nodejs4.3-edge": {Successor: nodeNext, Blocked: true},
	"nodejs26.x":     {},

	"python3.14": {"2029-06-30", "2029-07-31", "2029-08-31", pythonNext, false},
	"python3.13": {"2029-06-30", "2029-07-31", "2029-08-31", pythonNext, false},
	"python3.12": {"2028-10-31", "2028-11-30", "2029-01-10", pythonNext, false},
	"python3.11": {"2027-06-30", "2027-07-31", "2027-08-31", pythonNext, false},
	"python3.10": {"2026-10-31", "2027-02-01", "2027-03-03", pythonNext, false},
	"python3.9":  {"2025-12-15", "2027-02-01", "2027-03-03", pythonNext, false},
	"python3.8":  {"2024-10-14", "2027-02-01", "2027-03-03", pythonNext, false},
	"python3.7":  {"2023-12-04", "2024-01-09", "2027-03-03", pythonNext, false},
	"python3.6":  {Successor: pythonNext, Blocked: true},
	"python2.7":  {Successor: pythonNext, Blocked: true},
	"python3.15": {},

	"java25":          {"2029-06-30", "2029-07-31", "2029-08-31", javaNext, false},
	"java21":          {"2029-06-30", "2029-07-31", "2029-08-31", javaNext, false},
	"java17":          {"2027-06-30", "2027-07-31", "2027-08-31", javaNext, false},
	"java11":          {"2027-06-30", "2027-07-31", "2027-08-31", javaNext, false},
	"java8.al2":       {"2027-06-30", "2027-07-31", "2027-08-31", javaNext, false},
	"java8":           {"2024-01-08", "2024-02-08", "2027-03-03", javaNext, false},
	"java8.al2023":    {},
	"java11.al2023":   {},
	"java17.al2023":   {},
	"dotnet10":        {"2028-11-14", "2028-12-14", "2029-01-15", dotnetNext, false},
	"dotnet8":         {"2026-11-10", "2027-02-01", "2027-03-03", dotnetNext, false},
	"dotnet6":         {"2024-12-20", "2027-02-01", "2027-03-03", dotnetNext, false},
	"dotnetcore3.1":   {Successor: dotnetNext, Blocked: true},
	"dotnetcore2.1":   {Successor: dotnetNext, Blocked: true},
	"dotnetcore2.0":   {Successor: dotnetNext, Blocked: true},
	"dotnetcore1.0":   {Successor: dotnetNext, Blocked: true},
	"ruby4.0":         {"2029-03-31", "2029-04-30", "2029-05-31", rubyNext, false},
	"ruby3.4":         {"2028-03-31", "2028-04-30", "2028-05-31", rubyNext, false},
	"ruby3.3":         {"2027-03-31", "2027-04-30", "2027-05-31", rubyNext, false},
	"ruby3.2":         {"2026-03-31", "2027-02-01", "2027-03-03", rubyNext, false},
	"ruby2.7":         {"2023-12-07", "2024-01-09", "2027-03-03", rubyNext, false},
	"ruby2.5":         {Successor: rubyNext, Blocked: true},
	"provided.al2023": {"2029-06-30", "2029-07-31", "2029-08-31", osNext, false},
	"provided.al2":    {"2026-07-31", "2027-02-01", "2027-03-03", osNext, false},
	"provided":        {"2024-01-08", "2024-02-08", "2027-03-03", osNext, false},
	"go1.x":           {"2024-01-08", "2024-02-08", "2027-03-03", osNext, false},
}

// on reports whether date (YYYY-MM-DD) has been reached at now.
func on(date string, now time.Time) bool {
	if date == "" {
		return false
	}
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		panic("lint: bad lifecycle date " + date) // a unit test parses every date
	}
	return !now.Before(d)
}
