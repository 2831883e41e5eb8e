//! The comparison on one job (see the library's documentation): authcore, jsonwebtoken on
//! aws-lc-rs and on RustCrypto, the plain HS256 reference, the `rsa` crate and the two
//! floors, all in one process, then the ratios the speed targets are stated in.
//!
//! Run: `cargo bench --manifest-path bench/Cargo.toml` (criterion's groups `job/…`, then
//! the summary: 31 rounds that run every row of a job in turn, medians, ratios, targets).
//! `JOB_ROUNDS_ONLY=1` skips criterion's groups. `JOB_ROW=<job>:<id> JOB_CALLS=<n>` makes
//! n calls of one row and exits (for `scripts/job-instructions.sh`, under callgrind).

#[path = "../../core/tests/counting_alloc/mod.rs"]
mod counting_alloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use authcore_bench::{
    AUTHCORE, AUTHCORE_VERIFY, HMAC_FLOOR, Hs, JWT_AWS, JWT_RUST, Jws, REFERENCE, RSA_CRATE,
    RSA_FLOOR, Row, Rs, rows,
};
use criterion::Criterion;

const JOBS: [&str; 6] = [
    "hs256",
    "rs256-2048",
    "rs256-4096",
    "es256",
    "eddsa",
    "ps256-2048",
];
const ROUNDS: usize = 31;

/// A copy of the token with one payload character changed: every row must refuse it.
fn tampered(token: &str) -> String {
    let mut t = token.as_bytes().to_vec();
    let at = token.find('.').expect("token") + 20;
    t[at] = if t[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(t).expect("ascii")
}

fn main() {
    let hs = Hs::new();
    let rs = [Rs::new(2048), Rs::new(4096)];
    let jws = [Jws::new("es256"), Jws::new("eddsa"), Jws::new("ps256-2048")];
    let mut rows = rows(&hs, &rs, &jws);

    if let Ok(which) = std::env::var("JOB_ROW") {
        let calls: usize = std::env::var("JOB_CALLS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(1);
        let row = rows
            .iter_mut()
            .find(|r| format!("{}:{}", r.job, r.id) == which)
            .expect("JOB_ROW: <job>:<id>");
        // One call first, so that lazy state (jsonwebtoken's provider, aws-lc's) is set up
        // outside the counted function.
        assert!((row.run)(row.token));
        calls_of(row, calls);
        return;
    }

    println!(
        "tokens: HS256 {} bytes, RS256-2048 {} bytes, RS256-4096 {} bytes",
        hs.token.len(),
        rs[0].token.len(),
        rs[1].token.len()
    );
    for j in &jws {
        println!("        {} {} bytes", j.job, j.token.len());
    }
    // Every row accepts the token and refuses a tampered copy, so each does the whole work;
    // then the allocations of one call, after a first one has warmed any lazy state.
    let mut allocations = Vec::new();
    for row in rows.iter_mut() {
        let bad = tampered(row.token);
        assert!((row.run)(row.token), "{} {} refused", row.job, row.name);
        assert!(!(row.run)(&bad), "{} {} accepted", row.job, row.name);
        let (n, ok) = counting_alloc::allocations_in(|| (row.run)(row.token));
        assert!(ok);
        allocations.push(n);
        if row.name == AUTHCORE || row.name == AUTHCORE_VERIFY {
            assert_eq!(n, 0, "authcore allocated on {}", row.job);
        }
    }

    if std::env::var_os("JOB_ROUNDS_ONLY").is_none() {
        let mut c = Criterion::default()
            .sample_size(31)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
            .configure_from_args();
        for job in JOBS {
            let mut g = c.benchmark_group(format!("job/{job}"));
            for row in rows.iter_mut().filter(|r| r.job == job) {
                let token = row.token;
                let run = &mut row.run;
                g.bench_function(row.name, |b| b.iter(|| run(black_box(token))));
            }
            g.finish();
        }
        c.final_summary();
    }

    let medians = rounds(&mut rows);
    summary(&rows, &medians, &allocations);
}

/// `calls` calls of one row: the one function the instruction counts' script has callgrind
/// collect in (`--toggle-collect`).
#[inline(never)]
fn calls_of(row: &mut Row<'_>, calls: usize) {
    for _ in 0..calls {
        assert!((row.run)(black_box(row.token)));
    }
}

/// Medians over 31 rounds, each round running every row of a job in turn, a batch of about
/// 5 ms each, so that a change in the machine's load touches every row alike.
fn rounds(rows: &mut [Row<'_>]) -> Vec<f64> {
    let batch: Vec<u32> = rows
        .iter_mut()
        .map(|r| {
            let start = Instant::now();
            let mut n = 0u32;
            while start.elapsed() < Duration::from_millis(5) {
                black_box((r.run)(black_box(r.token)));
                n += 1;
            }
            n
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(ROUNDS); rows.len()];
    for _ in 0..ROUNDS {
        for (i, r) in rows.iter_mut().enumerate() {
            let start = Instant::now();
            for _ in 0..batch[i] {
                black_box((r.run)(black_box(r.token)));
            }
            samples[i].push(start.elapsed().as_nanos() as f64 / f64::from(batch[i]));
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect()
}

fn summary(rows: &[Row<'_>], medians: &[f64], allocations: &[usize]) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\nmedians of {ROUNDS} interleaved rounds (load average: {})",
        load.trim()
    );
    let mut verdicts = Vec::new();
    for job in JOBS {
        let of = |name: &str| {
            rows.iter()
                .position(|r| r.job == job && r.name == name)
                .map(|i| medians[i])
        };
        let Some(ours) = of(AUTHCORE) else { continue };
        println!(
            "\n{job:<28} {:>12} {:>12} {:>8}",
            "ns/call", "vs authcore", "allocs"
        );
        for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.job == job) {
            println!(
                "{:<28} {:>12.0} {:>11.2}x {:>8}",
                r.name,
                medians[i],
                medians[i] / ours,
                allocations[i]
            );
        }
        let mut target = |what: String, holds: Option<bool>| verdicts.push((what, holds));
        if job == "hs256" {
            if let Some(p) = of(JWT_RUST) {
                target(
                    format!(
                        "HS256 >= 3x faster than jsonwebtoken rust_crypto: {:.2}x",
                        p / ours
                    ),
                    Some(p / ours >= 3.0),
                );
            }
            if let Some(f) = of(HMAC_FLOOR) {
                target(
                    format!("HS256 <= 2.5x the HMAC floor: {:.2}x", ours / f),
                    Some(ours / f <= 2.5),
                );
            }
            if let Some(p) = of(REFERENCE) {
                target(
                    format!(
                        "HS256 against the plain reference: {:.2}x its time",
                        ours / p
                    ),
                    None,
                );
            }
        } else if job.starts_with("rs256") {
            // The speed targets are stated for RS256; the other jobs are shown without.
            if let Some(p) = of(JWT_AWS) {
                target(
                    format!(
                        "{job} no slower than jsonwebtoken aws_lc_rs: {:.2}x its time",
                        ours / p
                    ),
                    Some(ours <= p),
                );
            }
            for peer in [JWT_RUST, RSA_CRATE] {
                if let Some(p) = of(peer) {
                    target(
                        format!("{job} >= 5x faster than {peer}: {:.2}x", p / ours),
                        Some(p / ours >= 5.0),
                    );
                }
            }
            if let Some(f) = of(RSA_FLOOR) {
                target(
                    format!(
                        "{job} against the aws-lc-rs floor: {:.2}x its time",
                        ours / f
                    ),
                    None,
                );
            }
        }
        target(
            format!("{job}: authcore allocations 0"),
            Some(
                rows.iter()
                    .zip(allocations)
                    .any(|(r, &n)| r.job == job && r.name == AUTHCORE && n == 0),
            ),
        );
    }
    println!("\ntargets (ratios of this run):");
    for (what, holds) in verdicts {
        let mark = match holds {
            Some(true) => "holds",
            Some(false) => "MISSES",
            None => "info",
        };
        println!("  [{mark}] {what}");
    }
}
