// Command bundle-validate checks an OLM registry+v1 bundle directory the way
// `operator-sdk bundle validate DIR --select-optional suite=operatorframework`
// does: the default bundle validators plus the "operatorframework" optional
// suite, all from github.com/operator-framework/api (the library operator-sdk
// itself calls). It exists because operator-sdk cannot be built from the Go
// module proxy here (see test-infra/README.md).
//
// Usage: bundle-validate [-k8s-version 1.37] [-warnings-as-errors] BUNDLE_DIR
// Exit status: 0 valid, 1 validation errors, 2 usage or load failure.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/operator-framework/api/pkg/manifests"
	"github.com/operator-framework/api/pkg/validation"
	verrors "github.com/operator-framework/api/pkg/validation/errors"
	"sigs.k8s.io/yaml"
)

// Annotations a registry+v1 bundle must carry in metadata/annotations.yaml.
var requiredAnnotations = []string{
	"operators.operatorframework.io.bundle.mediatype.v1",
	"operators.operatorframework.io.bundle.manifests.v1",
	"operators.operatorframework.io.bundle.metadata.v1",
	"operators.operatorframework.io.bundle.package.v1",
	"operators.operatorframework.io.bundle.channels.v1",
}

func main() {
	k8sVersion := flag.String("k8s-version", "", "Kubernetes version the bundle targets (k8s-version optional value)")
	strict := flag.Bool("warnings-as-errors", false, "fail on warnings too")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: bundle-validate [-k8s-version X.Y] [-warnings-as-errors] BUNDLE_DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)

	var results []verrors.ManifestResult
	results = append(results, checkAnnotations(dir))

	bundle, err := manifests.GetBundleFromDir(dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ERRO cannot load bundle %s: %v\n", dir, err)
		os.Exit(2)
	}
	objs := bundle.ObjectsToValidate()
	results = append(results, runValidator("default", func() []verrors.ManifestResult {
		return validation.DefaultBundleValidators.Validate(objs...)
	})...)

	// The operatorframework suite; optional values travel as a map object.
	optional := append([]interface{}{}, objs...)
	if *k8sVersion != "" {
		optional = append(optional, map[string]string{"k8s-version": *k8sVersion})
	}
	suite := []struct {
		name string
		v    interface {
			Validate(...interface{}) []verrors.ManifestResult
		}
	}{
		{"operatorhubv2", validation.OperatorHubV2Validator},
		{"capabilities", validation.StandardCapabilitiesValidator},
		{"categories", validation.StandardCategoriesValidator},
		{"alpha-deprecated-apis", validation.AlphaDeprecatedAPIsValidator},
		{"good-practices", validation.GoodPracticesValidator},
	}
	for _, s := range suite {
		results = append(results, runValidator(s.name, func() []verrors.ManifestResult {
			return s.v.Validate(optional...)
		})...)
	}

	nErr, nWarn := 0, 0
	for _, r := range results {
		for _, e := range r.Errors {
			nErr++
			fmt.Printf("ERRO %s: %s\n", r.Name, e.Error())
		}
		for _, w := range r.Warnings {
			nWarn++
			fmt.Printf("WARN %s: %s\n", r.Name, w.Error())
		}
	}
	fmt.Printf("bundle %s: %d error(s), %d warning(s)\n", dir, nErr, nWarn)
	if nErr > 0 || (*strict && nWarn > 0) {
		os.Exit(1)
	}
}

// runValidator turns a validator panic (the library indexes into fields it
// does not check, e.g. an empty spec.icon list) into a reported error.
func runValidator(name string, run func() []verrors.ManifestResult) (results []verrors.ManifestResult) {
	defer func() {
		if r := recover(); r != nil {
			res := verrors.ManifestResult{Name: "validator " + name}
			res.Add(verrors.ErrInvalidBundle(fmt.Sprintf("validator crashed (malformed input?): %v", r), name))
			results = []verrors.ManifestResult{res}
		}
	}()
	return run()
}

// checkAnnotations verifies metadata/annotations.yaml has the bundle keys.
func checkAnnotations(dir string) verrors.ManifestResult {
	res := verrors.ManifestResult{Name: "metadata/annotations.yaml"}
	raw, err := os.ReadFile(filepath.Join(dir, "metadata", "annotations.yaml"))
	if err != nil {
		res.Add(verrors.ErrInvalidBundle(fmt.Sprintf("cannot read annotations: %v", err), dir))
		return res
	}
	var doc struct {
		Annotations map[string]string `json:"annotations"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		res.Add(verrors.ErrInvalidBundle(fmt.Sprintf("cannot parse annotations: %v", err), dir))
		return res
	}
	missing := []string{}
	for _, k := range requiredAnnotations {
		if doc.Annotations[k] == "" {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		res.Add(verrors.ErrInvalidBundle("missing annotation "+k, dir))
	}
	if mt := doc.Annotations[requiredAnnotations[0]]; mt != "" && mt != "registry+v1" {
		res.Add(verrors.ErrInvalidBundle("mediatype must be registry+v1, got "+mt, dir))
	}
	return res
}
