//go:build tools

// Package tools pins the CNI plugins (cnitool: see ../cnitool) used by the CNI
// conformance tests (rendered NetworkAttachmentDefinition configs are run
// against these real plugins inside a network namespace).
package tools

import (
	_ "github.com/containernetworking/plugins/plugins/ipam/host-local"
	_ "github.com/containernetworking/plugins/plugins/ipam/static"
	_ "github.com/containernetworking/plugins/plugins/main/host-device"
	_ "github.com/containernetworking/plugins/plugins/main/macvlan"
)
