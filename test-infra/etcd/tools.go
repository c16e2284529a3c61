//go:build tools

// Package tools pins etcd; go.etcd.io/etcd/server/v3 is itself a main
// package (the etcd server binary).
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
)
