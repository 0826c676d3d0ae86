package checks

import (
	"regexp"
	"strings"
	"unicode"

	"samgen.dev/samgen/schema"
)

// A secret written into the spec ends up in the template, in the
// function's configuration and in the stack's history, readable by anyone
// who can read any of them. The rule looks for what is certainly a
// credential (an AWS access key ID, a private key), what very probably is
// (a 40-character AWS secret access key), and a literal value given to a
// name that says it is a password or a token.

var (
	accessKeyID = regexp.MustCompile(`(^|[^A-Z0-9])((AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})($|[^A-Z0-9])`)
	secretKey   = regexp.MustCompile(`(^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})($|[^A-Za-z0-9/+=])`)
	privateKey  = regexp.MustCompile(`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`)
)

// passwordWords are the last words of names whose value is a credential:
// DB_PASSWORD, apiKey, CLIENT_SECRET, AUTH_TOKEN.
var passwordWords = []string{"password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential", "credentials", "privatekey", "secretkey"}

// secretIn returns what secret a value holds ("an AWS access key ID"), or
// "". name is the variable or tag key the value is given to ("" for a
// description).
func secretIn(name, value string) string {
	switch {
	case accessKeyID.MatchString(value):
		return "an AWS access key ID"
	case privateKey.MatchString(value):
		return "a private key"
	}
	for _, m := range secretKey.FindAllStringSubmatch(value, -1) {
		if k := m[2]; strings.ContainsFunc(k, unicode.IsUpper) && strings.ContainsFunc(k, unicode.IsLower) && strings.ContainsFunc(k, unicode.IsDigit) {
			return "what looks like an AWS secret access key"
		}
	}
	if name != "" && value != "" && passwordName(name) && !reference(value) {
		return "a literal credential (its name says it is one)"
	}
	return ""
}

// passwordName reports whether a name's last word (split at _, -, . and
// case changes) names a credential.
func passwordName(name string) bool {
	words := nameWords(name)
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if len(words) >= 2 && (last == "key" && (words[len(words)-2] == "api" || words[len(words)-2] == "private" || words[len(words)-2] == "secret")) {
		return true
	}
	for _, w := range passwordWords {
		if last == w {
			return true
		}
	}
	return false
}

func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = nil
		}
	}
	prev := rune(0)
	for _, r := range name {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ' || r == ':' || r == '/':
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return words
}

// reference reports whether a value names where a secret is rather than
// being one: an ARN, an SSM parameter name, a dynamic reference.
func reference(v string) bool {
	for _, p := range []string{"arn:", "/", "{{resolve:", "${"} {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}

// secretAdvice says where a secret goes instead, and how to acknowledge a
// false finding where the resource can.
const secretAdvice = "keep it in Secrets Manager (`secrets`) or an SSM SecureString parameter (`params`), and let the function read it at run time (`access: [{read: app.secrets.x.ref}]`, its ARN in env)"

func secrets(c *Context) {
	ack := "; if it is not a secret, acknowledge it with lint: ignore: SG150: \"reason\""
	c.envSources(func(path string, env map[string]schema.Value) {
		for _, k := range sortedKeys(env) {
			if v, ok := env[k].Template(); ok {
				if what := secretIn(k, v); what != "" {
					c.Report(path+"."+schema.Label(k), "environment variable %s holds %s, which would be readable in the template and the function's configuration: %s%s", k, what, secretAdvice, ack)
				}
			}
		}
	})
	for _, td := range c.taggedDecls() {
		for _, k := range sortedKeys(td.tags) {
			v, _ := td.tags[k].Template()
			if what := secretIn(k, v); what != "" {
				c.Report(td.path+"."+schema.Label(k), "tag %s holds %s; tags are readable by anyone who can list the resource: never tag with a secret%s", k, what, ack)
			}
		}
	}
	for _, d := range c.descriptionTexts() {
		if what := secretIn("", d.text); what != "" {
			msg := "the description holds %s; descriptions are readable in the template and the console: remove it, and " + secretAdvice
			if d.linted {
				msg += ack
			}
			c.Report(d.path, msg, what)
		}
	}
	for _, name := range sortedKeys(c.App.Parameters) {
		p := c.App.Parameters[name]
		if s, ok := p.Default.(string); ok {
			if what := secretIn(name, s); what != "" {
				c.Report("parameters."+schema.Label(name)+".default", "the default of parameter %s is %s, written into the template: drop the default (and set noEcho) so the value is given at deploy time, or %s", name, what, secretAdvice)
			}
		}
	}
}

// text returns the string of a description: a literal, or a !Sub
// template (a secret in it is one all the same).
func text(v schema.Value) string {
	s, _ := v.Template()
	return s
}

// describedText is one description of the spec.
type describedText struct {
	path, text string
	// linted reports whether the resource can acknowledge a finding.
	linted bool
}

func (c *Context) descriptionTexts() []describedText {
	var out []describedText
	add := func(path, text string, linted bool) {
		if text != "" {
			out = append(out, describedText{path, text, linted})
		}
	}
	add("description", c.App.Description, false)
	for _, n := range c.App.OwnedFunctions() {
		add("functions."+schema.Label(n)+".description", text(c.App.Functions[n].Description), true)
	}
	for _, n := range sortedKeys(c.App.Layers) {
		add("layers."+schema.Label(n)+".description", text(c.App.Layers[n].Description), true)
	}
	for _, n := range sortedKeys(c.App.Keys) {
		add("keys."+schema.Label(n)+".description", text(c.App.Keys[n].Description), true)
	}
	for _, n := range sortedKeys(c.App.Rules) {
		add("rules."+schema.Label(n)+".description", text(c.App.Rules[n].Description), false)
	}
	for _, n := range sortedKeys(c.App.Parameters) {
		add("parameters."+schema.Label(n)+".description", c.App.Parameters[n].Description, false)
	}
	for _, n := range sortedKeys(c.App.Outputs) {
		add("outputs."+schema.Label(n)+".description", text(c.App.Outputs[n].Description), false)
	}
	return out
}
