// Package review tells what a change of template does to a stack, as a
// reviewer needs to see it: the resources added, removed, modified (which
// properties) and replaced (a changed logical ID, or a change to a
// property CloudFormation can only set at creation), the data a replaced
// or removed stateful resource takes with it, the IAM each role gains and
// loses once SAM has expanded its policy templates and added its own
// grants, and what SAM's transform generates, so the stack's resource
// count is known. It compares templates, not specs: the base is what is
// deployed, whatever wrote it.
package review
