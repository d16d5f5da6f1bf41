//! End to end: the `redemption` example exports over OTLP (gRPC and HTTP/protobuf) to a
//! real receiver, oteltest's sink (`otlp_sink.py`), and every span it produces arrives.
//! With no receiver, or one that never answers, it still exits promptly and successfully.
//!
//! The example binary is the one `cargo test` builds beside this test
//! (`target/<profile>/examples/`). Python: `TRACED_PYTHON`, else a virtualenv the first test
//! creates under the target directory from `.ci/requirements.txt`
//! ([`traced_test_support::python`]); when neither can be had the tests fail with the reason.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What a run may take with the receiver down: export timeout (3 s) plus slack.
const PROMPT_EXIT: Duration = Duration::from_secs(8);

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn example(name: &str) -> PathBuf {
    // target/<profile>/deps/<this test> -> target/<profile>/examples/<name>
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let path = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: `cargo test` builds the examples, a test filter like `--test` alone \
         does not (run `cargo build --examples` first)",
        path.display()
    );
    path
}

/// A received span: service, trace id, name.
#[derive(Debug, Clone)]
struct Received {
    service: String,
    trace: String,
    name: String,
}

struct Sink {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
}

impl Sink {
    fn start(python: &Path, kind: &str) -> Sink {
        let mut child = Command::new(python)
            .arg(workspace().join("examples/tests/otlp_sink.py"))
            .arg(kind)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the OTLP sink");
        let stdout = child.stdout.take().expect("sink stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let first = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the sink prints its port");
        let port = first
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected sink output {first:?}"));
        Sink { child, port, lines }
    }

    /// Stops the sink and returns every span it printed (the lines end when its stdout closes).
    fn finish(mut self) -> Vec<Received> {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
        self.lines
            .iter()
            .filter_map(|line| {
                let f: Vec<&str> = line.split('\t').collect();
                match f.as_slice() {
                    ["SPAN", service, trace, name] => Some(Received {
                        service: service.to_string(),
                        trace: trace.to_string(),
                        name: name.to_string(),
                    }),
                    _ => None,
                }
            })
            .collect()
    }
}

struct Run {
    success: bool,
    stderr: String,
    took: Duration,
}

/// Runs the example against `endpoint` with only our OTEL_* variables set.
fn run_example(name: &str, protocol: &str, endpoint: &str) -> Run {
    let mut cmd = Command::new(example(name));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("OTEL_") {
            cmd.env_remove(key);
        }
    }
    let started = Instant::now();
    let mut child = cmd
        .env("OTEL_TRACES_EXPORTER", "otlp")
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        // With a redaction key, the only `traced:` lines are the exporter's.
        .env("TRACED_REDACTION_KEY", "otlp-e2e key")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the example");
    // Never hang the test suite: give up well past what a prompt exit takes.
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the example") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{name} did not exit within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    Run {
        success: status.success(),
        stderr,
        took,
    }
}

/// The span names the redemption demo produces, sorted, as seen in-process.
fn expected_names() -> (Vec<String>, usize) {
    let (_, spans) = traced_runtime::testing::capture(traced_examples::redemption::run);
    let mut names: Vec<String> = spans.iter().map(|s| s.name().to_owned()).collect();
    names.sort();
    (names, spans.roots().len())
}

fn delivers_everything(protocol: &str, sink_kind: &str) {
    let python = traced_test_support::python();
    let (expected, traces) = expected_names();
    assert!(!expected.is_empty());
    let sink = Sink::start(&python, sink_kind);
    let run = run_example(
        "redemption",
        protocol,
        &format!("http://127.0.0.1:{}", sink.port),
    );
    let received = sink.finish();
    assert!(run.success, "the example failed:\n{}", run.stderr);
    assert!(
        !run.stderr.contains("not delivered"),
        "spans were lost:\n{}",
        run.stderr
    );
    let mut names: Vec<String> = received.iter().map(|r| r.name.clone()).collect();
    names.sort();
    assert_eq!(names, expected, "over {protocol}");
    assert!(
        received.iter().all(|r| r.service == "rewards-redemption"),
        "{received:?}"
    );
    let mut trace_ids: Vec<&str> = received.iter().map(|r| r.trace.as_str()).collect();
    trace_ids.sort();
    trace_ids.dedup();
    assert_eq!(trace_ids.len(), traces, "{received:?}");
}

#[test]
fn grpc_delivers_every_span() {
    delivers_everything("grpc", "grpc");
}

#[test]
fn http_protobuf_delivers_every_span() {
    delivers_everything("http/protobuf", "http");
}

/// A loopback port with nothing listening.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

#[test]
fn exits_promptly_when_no_collector_listens() {
    let port = closed_port();
    for protocol in ["grpc", "http/protobuf"] {
        let run = run_example("redemption", protocol, &format!("http://127.0.0.1:{port}"));
        assert!(run.success, "{protocol}: {}", run.stderr);
        assert!(run.took < PROMPT_EXIT, "{protocol}: took {:?}", run.took);
        let warnings: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("traced:"))
            .collect();
        assert_eq!(warnings.len(), 2, "{protocol}: {}", run.stderr);
        assert!(
            warnings[1].contains("not delivered"),
            "{protocol}: {}",
            run.stderr
        );
        eprintln!("{protocol}, no collector: exited 0 in {:?}", run.took);
    }
}

#[test]
fn exits_promptly_when_the_collector_hangs() {
    // Accepts connections and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    listener.set_nonblocking(true).expect("nonblocking");
    let (stop, stopped) = mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let mut held = Vec::new();
        while stopped.try_recv().is_err() {
            match listener.accept() {
                Ok((conn, _)) => held.push(conn),
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    });
    for protocol in ["grpc", "http/protobuf"] {
        let run = run_example("redemption", protocol, &format!("http://127.0.0.1:{port}"));
        assert!(run.success, "{protocol}: {}", run.stderr);
        assert!(run.took < PROMPT_EXIT, "{protocol}: took {:?}", run.took);
        assert!(
            run.stderr.contains("not delivered"),
            "{protocol}: {}",
            run.stderr
        );
        eprintln!("{protocol}, hanging collector: exited 0 in {:?}", run.took);
    }
    let _ = stop.send(());
    let _ = holder.join();
}
