package cfn

import (
	"fmt"
	"testing"
)

func TestLogicalID(t *testing.T) {
	for _, tc := range []struct {
		name, suffix, want string
	}{
		{"hello", "Function", "HelloFunction"},
		{"getProduct", "Function", "GetProductFunction"},
		{"get-product", "Function", "GetProductFunction"},
		{"get_product", "Function", "GetProductFunction"},
		{"get--product__x", "Table", "GetProductXTable"},
		{"orders", "", "Orders"},
		{"apiUrl", "", "ApiUrl"},
		{"a1-b2", "Queue", "A1B2Queue"},
		{"v2", "Topic", "V2Topic"},
		{"jobs-dlq", "Queue", "JobsDlqQueue"},
		{"UPPER", "Bus", "UPPERBus"},
		// Non-ASCII letters and other runes cannot appear in a logical ID.
		{"café", "Table", "CafTable"},
		{"a.b c", "", "Abc"},
		{"", "Function", "Function"},
	} {
		t.Run(tc.name+"/"+tc.suffix, func(t *testing.T) {
			if got := LogicalID(tc.name, tc.suffix); got != tc.want {
				t.Errorf("LogicalID(%q, %q) = %q, want %q", tc.name, tc.suffix, got, tc.want)
			}
		})
	}
}

func TestIsIntrinsic(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want bool
	}{
		{"ref", Ref("X"), true},
		{"getatt", GetAtt("X", "Arn"), true},
		{"sub", Sub("${X}"), true},
		{"condition", map[string]any{"Condition": "IsProd"}, true},
		{"two keys", map[string]any{"Ref": "X", "Fn::Sub": "y"}, false},
		{"plain map", map[string]any{"Name": "x"}, false},
		{"string", "Ref", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsIntrinsic(tc.v); got != tc.want {
				t.Errorf("IsIntrinsic(%v) = %v, want %v", tc.v, got, tc.want)
			}
		})
	}
}

func TestScalarString(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
		ok   bool
	}{
		{8080, "8080", true}, {int64(-3), "-3", true}, {0.5, "0.5", true}, {1e21, "1000000000000000000000", true},
		{true, "true", true}, {false, "false", true}, {"8080", "", false}, {nil, "", false}, {[]any{1}, "", false},
	} {
		if got, ok := ScalarString(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("ScalarString(%#v) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestList(t *testing.T) {
	one := map[string]any{"Effect": "Allow"}
	for _, tc := range []struct {
		name string
		v    any
		want []any
	}{
		{"nil", nil, nil},
		{"a string", "s3:GetObject", []any{"s3:GetObject"}},
		{"a map", one, []any{one}},
		{"a list", []any{"a", "b"}, []any{"a", "b"}},
		{"an empty list", []any{}, []any{}},
	} {
		got := List(tc.v)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) || (got == nil) != (tc.want == nil) {
			t.Errorf("%s: List(%v) = %#v, want %#v", tc.name, tc.v, got, tc.want)
		}
	}
}
