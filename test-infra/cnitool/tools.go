//go:build tools

// Package tools pins cnitool v1.3.0. Own module because CNI plugins
// v1.10.0 require github.com/containernetworking/cni v1.3.1, so in one
// module minimal version selection would silently build cnitool v1.3.1.
package tools

import (
	_ "github.com/containernetworking/cni/cnitool"
)
