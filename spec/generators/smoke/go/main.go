// Smoke test of the Go client generated from spec/vault-raft.openapi.yaml, against a real server.
//
// Reads VAULT_ADDR and VAULT_TOKEN like the vault CLI, and VAULTX_SERVER_FLAVOUR (openbao or vault) for
// the promote/demote checks; exits non-zero on the first failed check. Run by scripts/client-smoke.sh (and so by GeneratedClientsIT in `mvn -ntp verify`).
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	vaultraft "example.invalid/vaultx/vault-raft-go"
)

var passed int

func check(ok bool, format string, args ...any) {
	what := fmt.Sprintf(format, args...)
	if !ok {
		fmt.Println("go smoke: FAILED: " + what)
		os.Exit(1)
	}
	passed++
	fmt.Println("go smoke: ok: " + what)
}

func must[T any](v T, _ *http.Response, err error) T {
	if err != nil {
		fmt.Printf("go smoke: FAILED: %v\n", describe(err))
		os.Exit(1)
	}
	return v
}

// describe prints Vault's own messages of an error answer.
func describe(err error) string {
	var apiErr *vaultraft.GenericOpenAPIError
	if errors.As(err, &apiErr) {
		if model, ok := apiErr.Model().(vaultraft.ErrorResponse); ok {
			return fmt.Sprintf("%s %q", apiErr.Error(), model.Errors)
		}
		return fmt.Sprintf("%s %s", apiErr.Error(), apiErr.Body())
	}
	return err.Error()
}

// withVault puts the server variable and the token's API key into the context, as every generated call
// reads them. A namespace is the per-call XVaultNamespace or the configuration's DefaultHeader.
func withVault(token, addr string) context.Context {
	keys := map[string]vaultraft.APIKey{"VaultToken": {Key: token}}
	ctx := context.WithValue(context.Background(), vaultraft.ContextAPIKeys, keys)
	// The spec's server URL is {vault_addr}/v1: pass VAULT_ADDR as the variable.
	return context.WithValue(ctx, vaultraft.ContextServerVariables, map[string]string{"vault_addr": addr})
}

func main() {
	addr := os.Getenv("VAULT_ADDR")
	api := vaultraft.NewAPIClient(vaultraft.NewConfiguration()).RaftAPI
	ctx := withVault(os.Getenv("VAULT_TOKEN"), addr)

	token := os.Getenv("VAULT_TOKEN")
	// The call of issue 27: a token and no namespace (the token once went out as X-Vault-Namespace too).
	config := must(api.ReadRaftConfiguration(ctx).Execute()).Data.Config
	check(len(config.Servers) >= 1, "configuration lists %d servers", len(config.Servers))
	leaders := 0
	for _, s := range config.Servers {
		check(s.NodeId != "" && s.Address != "", "server %s at %s (required fields are plain values)", s.NodeId, s.Address)
		if s.Leader {
			leaders++
		}
	}
	check(leaders == 1, "exactly one leader in the configuration")

	state := must(api.ReadRaftAutopilotState(ctx).XVaultToken(token).Execute()).Data
	leader, ok := state.Servers[state.Leader]
	check(ok, "autopilot leader %s is among its servers", state.Leader)
	for _, v := range state.Voters {
		_, known := state.Servers[v]
		check(known, "voter %s is a server", v)
	}
	check(!leader.StableSince.IsZero(), "stable_since parsed: %s", leader.StableSince)
	check(leader.LastContact != "", "last_contact is a Go duration string: %s", leader.LastContact)

	autopilot := must(api.ReadRaftAutopilotConfiguration(ctx).XVaultToken(token).Execute()).Data
	check(strings.HasSuffix(autopilot.DeadServerLastContactThreshold, "s"), "durations are Go duration strings: %s", autopilot.DeadServerLastContactThreshold)
	check(autopilot.MaxTrailingLogs > 0, "max_trailing_logs %d", autopilot.MaxTrailingLogs)

	// The DR-token parameter is the call's token: the context's API key must never replace it.
	status, errs := refusal(api.ReadRaftAutopilotState(ctx).XVaultToken("bogus-dr-operation-token").Execute())
	check(status == 403 && mentions(errs, "permission denied"), "a bogus DR token is refused: %d %q", status, errs)

	dir, err := os.MkdirTemp("", "go-smoke-")
	check(err == nil, "temporary folder")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "raft.snap")
	file, err := os.Create(path)
	check(err == nil, "snapshot file created")
	written, _, err := api.SaveSnapshot(ctx, file)
	check(file.Close() == nil, "snapshot file closed")
	check(err == nil, "SaveSnapshot streamed %d bytes to a file and found a non-empty SHA256SUMS.sealed (%v)", written, err)
	last, size := lastTarEntry(path)
	check(last == vaultraft.SnapshotSumsEntry && size > 0, "the file on disk ends with %s (%d bytes)", last, size)

	_, _, err = api.ReadRaftAutoSnapshotConfig(ctx, "smoke").Execute()
	// OpenBao's router says "unsupported path", Vault CE's Enterprise stub "enterprise-only feature".
	check(err != nil && (strings.Contains(describe(err), "unsupported path") ||
		strings.Contains(describe(err), "enterprise-only feature")), "Enterprise-only call: %s", describe(err))

	// OpenBao says "permission denied"; Vault may wrap it in its multi-error form.
	status, errs = refusal(api.ReadRaftConfiguration(withVault("not-a-token", addr)).Execute())
	check(status == 403 && mentions(errs, "permission denied"), "bad token: %d %q", status, errs)

	var apiErr *vaultraft.GenericOpenAPIError

	_, _, err = api.SaveSnapshot(withVault("not-a-token", addr), &bytes.Buffer{})
	check(errors.As(err, &apiErr) && strings.Contains(describe(err), "permission denied"), "SaveSnapshot with a bad token: %s", describe(err))

	var follower string
	for _, s := range config.Servers {
		if !s.Leader {
			follower = s.NodeId
		}
	}
	checkPromoteAndDemote(api, ctx, follower)
	checkIncompleteSnapshotIsRefused(api)
	checkNamespaceIsSent(api)

	// Last, as it resets the cluster to the snapshot (of itself, so nothing changes but a pause).
	snap, err := os.Open(path)
	check(err == nil, "snapshot file reopened")
	restored, err := api.RestoreSnapshot(ctx, snap, false)
	_ = snap.Close()
	check(err == nil && restored.StatusCode == http.StatusNoContent, "RestoreSnapshot streamed the file back: %v", err)
	waitUntilServing(api, ctx)
	fmt.Printf("go smoke: %d passed, 0 failed\n", passed)
}

// checkIncompleteSnapshotIsRefused serves a gzipped tar without SHA256SUMS.sealed from a local test server.
func checkIncompleteSnapshotIsRefused(api *vaultraft.RaftAPIService) {
	var body bytes.Buffer
	gz := gzip.NewWriter(&body)
	tw := tar.NewWriter(gz)
	data := []byte("raft state")
	_ = tw.WriteHeader(&tar.Header{Name: "state.bin", Mode: 0o600, Size: int64(len(data))})
	_, _ = tw.Write(data)
	_ = tw.Close()
	_ = gz.Close()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		_, _ = w.Write(body.Bytes())
	}))
	defer server.Close()
	var out bytes.Buffer
	_, _, err := api.SaveSnapshot(withVault("t", server.URL), &out)
	check(errors.Is(err, vaultraft.ErrIncompleteSnapshot), "SaveSnapshot refuses a snapshot without SHA256SUMS.sealed: %v", err)
}

// waitUntilServing waits for the configuration to be readable again after a restore.
func waitUntilServing(api *vaultraft.RaftAPIService, ctx context.Context) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, _, err := api.ReadRaftConfiguration(ctx).Execute()
		if err == nil {
			check(true, "the cluster serves again after the restore")
			return
		}
		if time.Now().After(deadline) {
			check(false, "the cluster serves again after the restore: %s", describe(err))
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// refusal gives the status and Vault's own messages of a call that must fail.
func refusal[T any](_ T, resp *http.Response, err error) (int, []string) {
	return refusalOf(resp, err)
}

// refusalOf is refusal for the calls that answer no body (204).
func refusalOf(resp *http.Response, err error) (int, []string) {
	var apiErr *vaultraft.GenericOpenAPIError
	if err == nil || !errors.As(err, &apiErr) || resp == nil {
		return 0, []string{fmt.Sprint("not an error answer: ", err)}
	}
	if model, ok := apiErr.Model().(vaultraft.ErrorResponse); ok {
		return resp.StatusCode, model.Errors
	}
	return resp.StatusCode, []string{string(apiErr.Body())}
}

func mentions(errs []string, text string) bool {
	return slices.ContainsFunc(errs, func(m string) bool { return strings.Contains(m, text) })
}

// checkPromoteAndDemote: OpenBao serves promote and demote (issue 17); HashiCorp Vault refuses both as an
// unsupported path.
func checkPromoteAndDemote(api *vaultraft.RaftAPIService, ctx context.Context, follower string) {
	flavour := os.Getenv("VAULTX_SERVER_FLAVOUR")
	if flavour != "openbao" && flavour != "vault" {
		fmt.Println("go smoke: promote/demote not checked: set VAULTX_SERVER_FLAVOUR to openbao or vault")
		return
	}
	check(follower != "", "a follower to demote: %s", follower)
	id := *vaultraft.NewRaftServerIdRequest(follower)
	if flavour == "vault" {
		for _, call := range []func() (int, []string){
			func() (int, []string) { return refusalOf(api.DemoteRaftPeer(ctx).RaftServerIdRequest(id).Execute()) },
			func() (int, []string) { return refusalOf(api.PromoteRaftPeer(ctx).RaftServerIdRequest(id).Execute()) },
		} {
			status, errs := call()
			check(status == 404 && mentions(errs, "unsupported path"), "promote/demote refused by Vault: %d %q", status, errs)
		}
		return
	}
	_, err := api.DemoteRaftPeer(ctx).RaftServerIdRequest(id).Execute()
	check(err == nil, "demoted %s: %v", follower, err)
	status, errs := refusalOf(api.DemoteRaftPeer(ctx).RaftServerIdRequest(id).Execute())
	check(status == 500 && mentions(errs, "already a non-voter"), "a second demote: %d %q", status, errs)
	_, err = api.PromoteRaftPeer(ctx).RaftServerIdRequest(id).Execute()
	check(err == nil, "promoted %s: %v", follower, err)
	status, errs = refusalOf(api.PromoteRaftPeer(ctx).RaftServerIdRequest(*vaultraft.NewRaftServerIdRequest("no-such-node")).Execute())
	check(status == 500 && mentions(errs, "not found in raft configuration"), "an unknown id: %d %q", status, errs)
	// Autopilot applies the promotion a moment later; the next test must find three voters again.
	deadline := time.Now().Add(60 * time.Second)
	for {
		servers := must(api.ReadRaftConfiguration(ctx).Execute()).Data.Config.Servers
		if slices.ContainsFunc(servers, func(s vaultraft.RaftServer) bool { return s.NodeId == follower && s.Voter }) {
			check(true, "%s is a voter again", follower)
			return
		}
		check(time.Now().Before(deadline), "%s is a voter again within 60 s", follower)
		time.Sleep(250 * time.Millisecond)
	}
}

// checkNamespaceIsSent calls a local test server: no namespace header unless one is given (per call or
// as the configuration's DefaultHeader), then exactly the one given.
func checkNamespaceIsSent(api *vaultraft.RaftAPIService) {
	var seen []http.Header
	var paths []string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, paths = append(seen, r.Header.Clone()), append(paths, r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"errors":[]}`))
	}))
	defer server.Close()
	ctx := withVault("t", server.URL)
	_, _, _ = api.ReadRaftConfiguration(ctx).Execute()
	_, _, _ = api.ReadRaftConfiguration(ctx).XVaultNamespace("team-a").Execute()
	_, _, _ = api.ReadRaftAutopilotState(ctx).XVaultToken("dr").Execute()
	cfg := vaultraft.NewConfiguration()
	cfg.AddDefaultHeader("X-Vault-Namespace", "team-b")
	_, _, _ = vaultraft.NewAPIClient(cfg).RaftAPI.SaveSnapshot(ctx, &bytes.Buffer{})
	check(len(seen) == 4, "four requests recorded")
	check(seen[0].Get("X-Vault-Token") == "t" && seen[0].Values("X-Vault-Namespace") == nil && paths[0] == "/v1/sys/storage/raft/configuration",
		"a call without a namespace sends the token alone to {vault_addr}/v1 (%s)", paths[0])
	check(seen[1].Get("X-Vault-Namespace") == "team-a" && seen[1].Get("X-Vault-Token") == "t", "X-Vault-Namespace and X-Vault-Token are sent")
	check(slices.Equal(seen[2].Values("X-Vault-Token"), []string{"dr"}), "the DR token is sent as given, and alone: %q", seen[2].Values("X-Vault-Token"))
	check(seen[3].Get("X-Vault-Namespace") == "team-b" && seen[3].Get("X-Vault-Token") == "t",
		"SaveSnapshot sends the configuration's DefaultHeader namespace and the token")
}

func lastTarEntry(path string) (string, int64) {
	f, err := os.Open(path)
	check(err == nil, "snapshot file opened")
	defer f.Close()
	gz, err := gzip.NewReader(f)
	check(err == nil, "snapshot file is gzip")
	tr := tar.NewReader(gz)
	var name string
	var size int64
	for {
		hdr, err := tr.Next()
		if err != nil {
			break
		}
		name, size = hdr.Name, hdr.Size
	}
	return name, size
}
