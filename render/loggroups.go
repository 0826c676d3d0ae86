package render

import (
	"maps"
	"slices"
)

// logGroups renders each owned log group.
func (b *builder) logGroups() {
	for _, name := range slices.Sorted(maps.Keys(b.app.LogGroups)) {
		lg := b.app.LogGroups[name]
		if !b.app.Owned(lg.Ref) {
			continue
		}
		path := "logGroups." + name
		props := map[string]any{}
		setValue(props, "LogGroupName", b.optional(path+".name", lg.Name, ""))
		setValue(props, "RetentionInDays", b.optional(path+".retention", lg.Retention, ""))
		if lg.Class != "" {
			props["LogGroupClass"] = lg.Class
		}
		b.addDeclared("AWS::Logs::LogGroup", path, lg.Resource, &lg.Stateful, lg.Tags, props)
	}
}
