#!/usr/bin/python3
"""Fits the per-exercise problems the trainer exported with scipy.optimize (L-BFGS-B, analytic gradient).

Usage: scipy_fit.py EXPORT_DIR [REPEAT [WARMUP]]  ->  prints {"rows", "exercises", "seconds", "log_loss", ...} as JSON.

Each exercise e is the problem the trainer solves for it:
    minimise  sum_i [log(1 + exp(theta . x_i)) - y_i theta . x_i]  +  lambda_e / 2 * ||theta - theta_global||^2
started at theta_global. "seconds" is the time inside scipy.optimize.minimize, summed over exercises (no I/O),
the fastest of REPEAT runs after WARMUP untimed warm-up runs (defaults 3 and 1; bench/scipy-compare passes the
same counts to both sides); "log_loss" is the summed
log-loss at the solutions divided by the number of rows (the penalty left out).
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit


def main(export_dir, repeat, warmup):
    d_path = Path(export_dir)
    index = json.loads((d_path / "index.json").read_text())
    d = index["dimension"]
    lam = index["lambda_exercise"]
    theta_global = np.array(index["global_theta"], dtype=np.float64)
    x_all = np.fromfile(d_path / "x.f64", dtype="<f8")
    y_all = np.fromfile(d_path / "y.u8", dtype=np.uint8)

    problems = []
    for e in index["exercises"]:
        n, row = e["rows"], e["first_row"]
        X = np.ascontiguousarray(x_all[row * d:(row + n) * d].reshape(n, d))
        y = y_all[row:row + n].astype(np.float64)
        problems.append((e["exercise"], X, y))

    # Warm-up runs first, as the trainer does (reported as cold_seconds, not counted).
    cold = [fit_all(problems, theta_global, lam)["seconds"] for _ in range(warmup)]
    runs = [fit_all(problems, theta_global, lam) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    best["runs_seconds"] = [r["seconds"] for r in runs]
    best["cold_seconds"] = cold
    print(json.dumps(best))


def fit_all(problems, theta_global, lam):
    seconds = 0.0
    loss_sum = 0.0
    objective_sum = 0.0
    rows = 0
    not_converged = []
    nits, nfevs = [], []
    for name, X, y in problems:
        n = X.shape[0]

        def f_and_grad(theta):
            z = X @ theta
            diff = theta - theta_global
            f = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * diff.dot(diff)
            g = X.T @ (expit(z) - y) + lam * diff
            return f, g

        start = time.perf_counter()
        result = minimize(f_and_grad, theta_global.copy(), jac=True, method="L-BFGS-B")
        seconds += time.perf_counter() - start
        nits.append(result.nit)
        nfevs.append(result.nfev)
        if not result.success:
            not_converged.append(name)
        z = X @ result.x
        loss = float(np.sum(np.logaddexp(0.0, z) - y * z))
        loss_sum += loss
        objective_sum += float(result.fun)
        rows += n

    return {
        "rows": rows,
        "exercises": len(problems),
        "seconds": seconds,
        "log_loss": loss_sum / rows,
        "objective": objective_sum,
        "not_converged": not_converged,
        "iterations": sum(nits),
        "evaluations": sum(nfevs),
    }


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3, 4):
        sys.exit("usage: scipy_fit.py EXPORT_DIR [REPEAT [WARMUP]]")
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) >= 3 else 3, int(sys.argv[3]) if len(sys.argv) == 4 else 1)
