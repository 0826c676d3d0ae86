package checks

import (
	"fmt"
	"path/filepath"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// fileMachines calls f for every state machine with a definition file,
// sorted by name.
func (c *Context) fileMachines(f func(name, path string, sm schema.StateMachine, def *schema.Definition)) {
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		if sm.Definition != nil {
			f(name, "stateMachines."+schema.Label(name), sm, sm.Definition)
		}
	}
}

func definitionProblems(c *Context, kind string) {
	c.fileMachines(func(name, path string, sm schema.StateMachine, def *schema.Definition) {
		for _, p := range def.Problems {
			if p.Kind == kind {
				c.Report(p.Path, "%s", p.Msg)
			}
		}
	})
}

func definitionSyntax(c *Context) { definitionProblems(c, schema.ProblemSyntax) }

func definitionBindings(c *Context) { definitionProblems(c, schema.ProblemBinding) }

func definitionPlaceholders(c *Context) {
	c.fileMachines(func(name, path string, sm schema.StateMachine, def *schema.Definition) {
		subs := sortedKeys(sm.DefinitionSubstitutions)
		for _, p := range def.Placeholders {
			if _, ok := sm.DefinitionSubstitutions[p.Name]; ok {
				continue
			}
			if strings.Contains(p.Name, "::") {
				c.Report(p.Path, "${%s} is not substituted in a definition file (CloudFormation evaluates nothing in it): bind a placeholder of your own in definitionSubstitutions, such as %s: {Ref: %q}",
					p.Name, strings.ReplaceAll(strings.TrimPrefix(p.Name, "AWS::"), "::", ""), p.Name)
				continue
			}
			msg := fmt.Sprintf("placeholder ${%s} is bound by no entry of stateMachines.%s.definitionSubstitutions", p.Name, schema.Label(name))
			if s := didyoumean.Suggest(p.Name, subs); s != "" {
				msg += fmt.Sprintf("; did you mean ${%s}?", s)
			}
			c.Report(p.Path, "%s", msg)
		}
	})
}

func definitionSubstitutionsUsed(c *Context) {
	c.fileMachines(func(name, path string, sm schema.StateMachine, def *schema.Definition) {
		if def.Doc == nil {
			return // the file was not read: SG516
		}
		used := map[string]bool{}
		var names []string
		for _, p := range def.Placeholders {
			used[p.Name] = true
			names = append(names, p.Name)
		}
		for _, k := range sortedKeys(sm.DefinitionSubstitutions) {
			if used[k] {
				continue
			}
			msg := fmt.Sprintf("substitution %s is used by no ${%s} in %s", k, k, filepath.Base(sm.DefinitionFile))
			if s := didyoumean.Suggest(k, names); s != "" {
				msg += fmt.Sprintf("; the file has ${%s}", s)
			}
			c.Report(path+".definitionSubstitutions."+schema.Label(k), "%s", msg)
		}
	})
}

func stateMachineDefinition(c *Context) {
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		path := "stateMachines." + schema.Label(name)
		if sm.DefinitionFile == "" {
			for _, f := range []string{"definitionSubstitutions", "inlineDefinition"} {
				if c.Inst.Has(path + "." + f) {
					c.Report(path+"."+f, "%s applies to a definitionFile; typed states render their own substitutions", f)
				}
			}
			continue
		}
		for _, f := range []string{"startAt", "states", "comment", "queryLanguage", "timeout"} {
			if c.Inst.Has(path + "." + f) {
				c.ReportSpec(path+"."+f, "state machine %s has a definitionFile, which holds its %s: give one or the other", name, f)
			}
		}
	}
}
