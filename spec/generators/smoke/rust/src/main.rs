//! Smoke test of the Rust (reqwest) client generated from spec/vault-raft.openapi.yaml, against a real
//! server.
//!
//! Reads VAULT_ADDR and VAULT_TOKEN like the vault CLI, and VAULTX_SERVER_FLAVOUR (openbao or vault) for
//! the promote/demote checks; exits non-zero on the first failed check. Run by scripts/client-smoke.sh
//! (and so by GeneratedClientsIT in `mvn -ntp verify`).
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use vault_raft_client::apis::configuration::{ApiKey, Configuration};
use vault_raft_client::apis::{raft_api, Error};
use vault_raft_client::models::{ErrorResponse, RaftServerIdRequest};

static PASSED: AtomicUsize = AtomicUsize::new(0);

fn check(ok: bool, what: impl AsRef<str>) {
    if !ok {
        println!("rust smoke: FAILED: {}", what.as_ref());
        std::process::exit(1);
    }
    PASSED.fetch_add(1, Ordering::Relaxed);
    println!("rust smoke: ok: {}", what.as_ref());
}

fn must<T, E: std::fmt::Debug>(result: Result<T, Error<E>>, what: &str) -> T {
    match result {
        Ok(value) => value,
        Err(e) => {
            println!("rust smoke: FAILED: {what}: {}", describe(&e));
            std::process::exit(1);
        }
    }
}

/// The base path is VAULT_ADDR plus /v1; the token is the one API key (sent as X-Vault-Token only).
fn client(addr: &str, token: &str) -> Configuration {
    Configuration {
        base_path: format!("{addr}/v1"),
        api_key: Some(ApiKey { prefix: None, key: token.to_owned() }),
        ..Configuration::default()
    }
}

/// Status and Vault's own messages of an error answer. The generated error enums are untagged over
/// one body shape, so the status - not the enum variant - says which error it was.
fn refusal<T, E>(result: Result<T, Error<E>>) -> (u16, Vec<String>) {
    match result {
        Err(Error::ResponseError(content)) => {
            let errors = serde_json::from_str::<ErrorResponse>(&content.content)
                .map(|e| e.errors)
                .unwrap_or_else(|_| vec![content.content.clone()]);
            (content.status.as_u16(), errors)
        }
        Err(e) => (0, vec![describe(&e)]),
        Ok(_) => (0, vec!["the call succeeded".to_owned()]),
    }
}

fn describe<E>(e: &Error<E>) -> String {
    match e {
        Error::ResponseError(content) => format!("{} {}", content.status, content.content),
        Error::Reqwest(e) => e.to_string(),
        Error::Serde(e) => e.to_string(),
        Error::Io(e) => e.to_string(),
    }
}

fn mentions(errors: &[String], text: &str) -> bool {
    errors.iter().any(|m| m.contains(text))
}

#[tokio::main]
async fn main() {
    let addr = std::env::var("VAULT_ADDR").expect("VAULT_ADDR");
    let token = std::env::var("VAULT_TOKEN").expect("VAULT_TOKEN");
    let cfg = client(&addr, &token);

    // The call of issue 27: a token and no namespace (the token once went out as X-Vault-Namespace too).
    let config = must(raft_api::read_raft_configuration(&cfg, None).await, "configuration").data.config;
    check(!config.servers.is_empty(), format!("configuration lists {} servers", config.servers.len()));
    check(config.servers.iter().filter(|s| s.leader).count() == 1, "exactly one leader in the configuration");
    check(config.servers.iter().all(|s| !s.node_id.is_empty() && !s.address.is_empty()), "every server has node_id and address");

    let state = must(raft_api::read_raft_autopilot_state(&cfg, &token, None).await, "autopilot state").data;
    let leader = state.servers.get(&state.leader);
    check(leader.is_some(), format!("autopilot leader {} is among its servers", state.leader));
    check(state.voters.iter().all(|v| state.servers.contains_key(v)), format!("voters {:?} are servers", state.voters));
    let leader = leader.unwrap();
    // 2001-09-09: any real stable_since is later; chrono keeps the nanoseconds.
    check(leader.stable_since.timestamp() > 1_000_000_000, format!("stable_since parsed: {}", leader.stable_since.to_rfc3339()));
    check(!leader.last_contact.is_empty(), format!("last_contact is a Go duration string: {}", leader.last_contact));

    let autopilot = must(raft_api::read_raft_autopilot_configuration(&cfg, &token, None).await, "autopilot configuration").data;
    check(autopilot.dead_server_last_contact_threshold.ends_with('s'), "durations are Go duration strings");
    check(autopilot.max_trailing_logs > 0, format!("max_trailing_logs {}", autopilot.max_trailing_logs));

    // The DR-token parameter is the call's token: the configured API key must never replace it.
    let (status, errors) = refusal(raft_api::read_raft_autopilot_state(&cfg, "bogus-dr-operation-token", None).await);
    check(status == 403 && mentions(&errors, "permission denied"), format!("a bogus DR token is refused: {status} {errors:?}"));

    // take_raft_snapshot returns the reqwest::Response unread: its chunks stream to the file.
    let dir = std::env::temp_dir().join(format!("rust-smoke-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let file = dir.join("raft.snap");
    let mut response = must(raft_api::take_raft_snapshot(&cfg, None).await, "snapshot");
    check(response.status() == 200, format!("snapshot answers {}", response.status()));
    let mut out = std::fs::File::create(&file).expect("snapshot file");
    while let Some(chunk) = response.chunk().await.expect("snapshot chunk") {
        out.write_all(&chunk).expect("snapshot written");
    }
    drop(out);
    let (name, size) = last_tar_entry(&file);
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_dir_all(&dir);
    check(name == "SHA256SUMS.sealed" && size > 0,
        format!("snapshot of {bytes} bytes streamed to a file ends with a non-empty SHA256SUMS.sealed"));

    let (status, errors) = refusal(raft_api::read_raft_auto_snapshot_config(&cfg, "smoke", None).await);
    // OpenBao's router says "unsupported path", Vault CE's Enterprise stub "enterprise-only feature".
    check(status == 404 && (mentions(&errors, "unsupported path") || mentions(&errors, "enterprise-only feature")),
        format!("Enterprise-only call: 404 {errors:?}"));

    let (status, errors) = refusal(raft_api::read_raft_configuration(&client(&addr, "not-a-token"), None).await);
    check(status == 403 && mentions(&errors, "permission denied"), format!("bad token: {status} {errors:?}"));

    let follower = config.servers.iter().find(|s| !s.leader).map(|s| s.node_id.clone());
    promote_and_demote(&cfg, follower).await;
    namespace_is_its_own_header().await;
    println!("rust smoke: {} passed, 0 failed", PASSED.load(Ordering::Relaxed));
}

/// OpenBao serves promote and demote (issue 17); HashiCorp Vault refuses both as an unsupported path.
async fn promote_and_demote(cfg: &Configuration, follower: Option<String>) {
    let flavour = std::env::var("VAULTX_SERVER_FLAVOUR").unwrap_or_default();
    if flavour != "openbao" && flavour != "vault" {
        println!("rust smoke: promote/demote not checked: set VAULTX_SERVER_FLAVOUR to openbao or vault");
        return;
    }
    check(follower.is_some(), format!("a follower to demote: {follower:?}"));
    let follower = follower.unwrap();
    let id = || RaftServerIdRequest::new(follower.clone());
    if flavour == "vault" {
        for (status, errors) in [
            refusal(raft_api::demote_raft_peer(cfg, id(), None).await),
            refusal(raft_api::promote_raft_peer(cfg, id(), None).await),
        ] {
            check(status == 404 && mentions(&errors, "unsupported path"), format!("promote/demote refused by Vault: {status} {errors:?}"));
        }
        return;
    }
    must(raft_api::demote_raft_peer(cfg, id(), None).await, "demote");
    let (status, errors) = refusal(raft_api::demote_raft_peer(cfg, id(), None).await);
    check(status == 500 && mentions(&errors, "already a non-voter"), format!("demoted {follower}; a second demote: {status} {errors:?}"));
    must(raft_api::promote_raft_peer(cfg, id(), None).await, "promote");
    let (status, errors) = refusal(raft_api::promote_raft_peer(cfg, RaftServerIdRequest::new("no-such-node".into()), None).await);
    check(status == 500 && mentions(&errors, "not found in raft configuration"), format!("promoted {follower}; an unknown id: {status} {errors:?}"));
    // Autopilot applies the promotion a moment later; the next test must find three voters again.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let servers = must(raft_api::read_raft_configuration(cfg, None).await, "configuration").data.config.servers;
        if servers.iter().any(|s| s.node_id == follower && s.voter) {
            break;
        }
        check(Instant::now() < deadline, format!("{follower} is a voter again within 60 s"));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    check(true, format!("{follower} is a voter again"));
}

/// On a local recorder: no namespace header unless one is given, then exactly the one given.
async fn namespace_is_its_own_header() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("recorder");
    let port = listener.local_addr().unwrap().port();
    let recorder = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for stream in listener.incoming().take(3) {
            let mut stream = stream.expect("connection");
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push(line.trim_end().to_ascii_lowercase());
            }
            let body = b"{\"errors\":[]}";
            let _ = write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(body);
            let _ = reader.read(&mut [0u8; 0]);
            seen.push(head);
        }
        seen
    });
    let local = client(&format!("http://127.0.0.1:{port}"), "t");
    let _ = raft_api::read_raft_configuration(&local, None).await;
    let _ = raft_api::read_raft_configuration(&local, Some("team-a")).await;
    let _ = raft_api::read_raft_autopilot_state(&local, "dr", None).await;
    let seen = recorder.join().expect("recorder");
    let has = |i: usize, line: &str| seen[i].iter().any(|l| l == line);
    let namespaced = |i: usize| seen[i].iter().any(|l| l.starts_with("x-vault-namespace:"));
    check(seen[0].first().map(|l| l.starts_with("get /v1/sys/storage/raft/configuration ")).unwrap_or(false)
        && has(0, "x-vault-token: t") && !namespaced(0),
        "a call without a namespace sends the token alone to {vault_addr}/v1");
    check(has(1, "x-vault-namespace: team-a") && has(1, "x-vault-token: t"), "X-Vault-Namespace and X-Vault-Token are sent");
    let tokens = seen[2].iter().filter(|l| l.starts_with("x-vault-token:")).collect::<Vec<_>>();
    check(tokens == vec!["x-vault-token: dr"], format!("the DR token is sent as given, and alone: {tokens:?}"));
}

fn last_tar_entry(file: &std::path::Path) -> (String, u64) {
    let gz = flate2::read::GzDecoder::new(std::fs::File::open(file).expect("snapshot file"));
    let mut archive = tar::Archive::new(gz);
    let mut last = (String::new(), 0);
    for entry in archive.entries().expect("tar") {
        let entry = entry.expect("tar entry");
        last = (entry.path().map(|p| p.display().to_string()).unwrap_or_default(), entry.size());
    }
    last
}
