// CGLPKShims: C helpers for the GLPK backend. This module provides no stable
// Swift API; only GLPKBackend uses it. See README.md in this folder.
//
// This header does not include <glpk.h>: GLPK objects travel as `void *`
// (glp_prob *, glp_smcp *, glp_iocp *), so the GLPK types reach Swift from the
// CGLPK module only and are never declared twice. The functions are *defined*
// (shims.c) only when Package.swift defines CGLPK_SHIMS_WANT_GLPK (trait `GLPK`
// on) and <glpk.h> exists; Swift calls them only under `#if GLPK`. Without the
// trait nothing references libglpk, so the package builds and links on a
// machine without GLPK (`--disable-default-traits`).
#pragma once

/// Returned by a guarded call when GLPK hit a fatal error. The guard has already
/// called glp_free_env(): every problem object of this thread is gone, and the
/// caller must never touch its old pointers again.
#define CGLPK_SHIMS_FATAL (-1000)

/// Installs this thread's terminal hook. GLPK's own `glp_term_out(GLP_OFF)`
/// does not silence fatal-error text (it still reached stdout in a probe), so
/// a hook is the only way to keep stdout clean. With verbose = 0 the text is
/// swallowed (the tail is kept for error messages); otherwise it goes to
/// stderr, never stdout. Call before every solve: glp_free_env() resets it.
void cglpk_shims_set_output(int verbose);

/// The last GLPK terminal text of this thread (at most 1 KiB, NUL-terminated),
/// e.g. the message of a fatal error; empty if none. Cleared by set_output.
const char *cglpk_shims_last_output(void);

/// A whole model in flat arrays, so it can be loaded in one guarded call.
/// Arrays are 0-based; `ia`, `ja`, `ar` hold `nonzeros` entries with 1-based
/// row and column numbers. `names` holds NUL-terminated names one after the
/// other: the problem, then every column, then every row.
typedef struct {
  int rows;
  int cols;
  int maximize;
  double objective_constant;
  const double *objective;     // cols
  const int *col_integer;      // cols: 1 integer, 0 continuous
  const double *col_lower;     // cols: -HUGE_VAL for none
  const double *col_upper;     // cols: +HUGE_VAL for none
  const int *row_sense;        // rows: 0 <=, 1 >=, 2 =
  const double *row_rhs;       // rows
  int nonzeros;
  const int *ia;
  const int *ja;
  const double *ar;
  const char *names;           // may be NULL: no names
} cglpk_shims_model;

/// Loads `model` into the empty problem `P` (bounds, kinds, objective, matrix,
/// names) under the error guard. Returns 0, or CGLPK_SHIMS_FATAL.
int cglpk_shims_load(void *P, const cglpk_shims_model *model);

/// glp_simplex under the error guard. Returns 0 and stores GLPK's return code
/// in *ret, or returns CGLPK_SHIMS_FATAL.
int cglpk_shims_simplex(void *P, const void *parm, int *ret);

/// Appends `rows` rows to `P` under the error guard: row i has sense
/// row_sense[i] (0 <=, 1 >=, 2 =), right-hand side row_rhs[i], and the
/// entries starts[i]..<starts[i+1] of `ja` (1-based column numbers) and `ar`.
/// Returns 0, or CGLPK_SHIMS_FATAL.
int cglpk_shims_add_rows(void *P, int rows, const int *row_sense, const double *row_rhs,
                         const int *starts, const int *ja, const double *ar);

/// How many times this thread's guard has freed the GLPK environment after a
/// fatal error. A problem made when it was lower is gone: never touch it.
unsigned long cglpk_shims_generation(void);

/// glp_intopt under the error guard; as cglpk_shims_simplex. The MIP callback
/// runs inside the guard: a fatal error in a glp_ios_* call made there would
/// unwind Swift frames, so the callback validates everything it passes.
int cglpk_shims_intopt(void *P, const void *parm, int *ret);

/// glp_write_mps (fmt GLP_MPS_FILE or GLP_MPS_DECK) under the error guard.
int cglpk_shims_write_mps(void *P, int fmt, const char *fname, int *ret);

/// glp_write_lp (CPLEX LP format) under the error guard.
int cglpk_shims_write_lp(void *P, const char *fname, int *ret);

/// glp_read_mps under the error guard.
int cglpk_shims_read_mps(void *P, int fmt, const char *fname, int *ret);

/// glp_read_lp (CPLEX LP format) under the error guard.
int cglpk_shims_read_lp(void *P, const char *fname, int *ret);

/// Provokes a GLPK fatal error (glp_add_cols with a negative count) under the
/// guard, to test that recovery works. Returns CGLPK_SHIMS_FATAL when the
/// guard caught it (the environment is freed); any other value is a failure.
int cglpk_shims_provoke_fatal_error(void);

