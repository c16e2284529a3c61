//go:build tools

// Package tools pins KWOK (fake nodes and pods on a real API server).
package tools

import (
	_ "sigs.k8s.io/kwok/cmd/kwok"
	_ "sigs.k8s.io/kwok/cmd/kwokctl"
)
