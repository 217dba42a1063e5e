// See include/CGLPKShims.h and README.md: why each shim exists.
#include "CGLPKShims.h"

#if defined(CGLPK_SHIMS_WANT_GLPK) && __has_include(<glpk.h>)
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

// One GLPK environment per thread, so one jump target and one text tail per thread.
static _Thread_local jmp_buf *cglpk_jump;
static _Thread_local char cglpk_tail[1024];
static _Thread_local int cglpk_verbose;
// Environments this thread has freed after a fatal error: a problem made
// before the last one is gone.
static _Thread_local unsigned long cglpk_generation;

static int cglpk_term_hook(void *info, const char *s) {
  (void)info;
  if (cglpk_verbose) {
    fputs(s, stderr);
  } else {
    // Keep the tail of the text: the message of a fatal error comes last.
    size_t have = strlen(cglpk_tail), add = strlen(s);
    if (add >= sizeof cglpk_tail) {
      s += add - (sizeof cglpk_tail - 1);
      add = sizeof cglpk_tail - 1;
      have = 0;
    } else if (have + add >= sizeof cglpk_tail) {
      size_t drop = have + add - (sizeof cglpk_tail - 1);
      memmove(cglpk_tail, cglpk_tail + drop, have - drop);
      have -= drop;
    }
    memcpy(cglpk_tail + have, s, add);
    cglpk_tail[have + add] = '\0';
  }
  return 1;  // non-zero: GLPK prints nothing itself
}

void cglpk_shims_set_output(int verbose) {
  cglpk_verbose = verbose;
  cglpk_tail[0] = '\0';
  glp_term_hook(cglpk_term_hook, NULL);
}

const char *cglpk_shims_last_output(void) { return cglpk_tail; }

unsigned long cglpk_shims_generation(void) { return cglpk_generation; }

static void cglpk_error_hook(void *info) {
  (void)info;
  if (cglpk_jump != NULL) longjmp(*cglpk_jump, 1);
  // No guard active: GLPK aborts, as it would without a hook.
}

// Runs BODY with the error hook set; on a fatal error frees the environment,
// reinstalls the terminal hook and returns CGLPK_SHIMS_FATAL.
#define CGLPK_GUARDED(...)                                     \
  do {                                                         \
    jmp_buf here;                                              \
    jmp_buf *volatile outer = cglpk_jump;                      \
    if (setjmp(here) != 0) {                                   \
      cglpk_jump = outer;                                      \
      int verbose = cglpk_verbose;                             \
      char saved[sizeof cglpk_tail];                           \
      memcpy(saved, cglpk_tail, sizeof saved);                 \
      glp_free_env();                                          \
      cglpk_generation++;                                      \
      glp_term_hook(cglpk_term_hook, NULL);                    \
      cglpk_verbose = verbose;                                 \
      memcpy(cglpk_tail, saved, sizeof saved);                 \
      return CGLPK_SHIMS_FATAL;                                \
    }                                                          \
    cglpk_jump = &here;                                        \
    glp_error_hook(cglpk_error_hook, NULL);                    \
    __VA_ARGS__;                                                    \
    glp_error_hook(NULL, NULL);                                \
    cglpk_jump = outer;                                        \
  } while (0)

int cglpk_shims_load(void *prob, const cglpk_shims_model *m) {
  glp_prob *P = prob;
  CGLPK_GUARDED({
    const char *name = m->names;
    if (name != NULL) {
      glp_set_prob_name(P, *name ? name : NULL);
      name += strlen(name) + 1;
    }
    glp_set_obj_dir(P, m->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(P, 0, m->objective_constant);
    if (m->cols > 0) glp_add_cols(P, m->cols);
    for (int j = 0; j < m->cols; j++) {
      double lo = m->col_lower[j], up = m->col_upper[j];
      int lof = lo > -HUGE_VAL, upf = up < HUGE_VAL;
      int type = lof && upf ? (lo == up ? GLP_FX : GLP_DB)
                 : lof      ? GLP_LO
                 : upf      ? GLP_UP
                            : GLP_FR;
      glp_set_col_bnds(P, j + 1, type, lof ? lo : 0, upf ? up : 0);
      glp_set_col_kind(P, j + 1, m->col_integer[j] ? GLP_IV : GLP_CV);
      glp_set_obj_coef(P, j + 1, m->objective[j]);
      if (name != NULL) {
        if (*name) glp_set_col_name(P, j + 1, name);
        name += strlen(name) + 1;
      }
    }
    if (m->rows > 0) glp_add_rows(P, m->rows);
    for (int i = 0; i < m->rows; i++) {
      double rhs = m->row_rhs[i];
      int type = m->row_sense[i] == 0 ? GLP_UP : m->row_sense[i] == 1 ? GLP_LO : GLP_FX;
      glp_set_row_bnds(P, i + 1, type, rhs, rhs);
      if (name != NULL) {
        if (*name) glp_set_row_name(P, i + 1, name);
        name += strlen(name) + 1;
      }
    }
    // glp_load_matrix reads entries 1..nonzeros; shift the 0-based arrays.
    if (m->nonzeros > 0) glp_load_matrix(P, m->nonzeros, m->ia - 1, m->ja - 1, m->ar - 1);
  });
  return 0;
}

int cglpk_shims_simplex(void *P, const void *parm, int *ret) {
  CGLPK_GUARDED(*ret = glp_simplex(P, (const glp_smcp *)parm));
  return 0;
}

int cglpk_shims_add_rows(void *prob, int rows, const int *row_sense, const double *row_rhs,
                         const int *starts, const int *ja, const double *ar) {
  glp_prob *P = prob;
  CGLPK_GUARDED({
    int first = glp_add_rows(P, rows);
    for (int i = 0; i < rows; i++) {
      double rhs = row_rhs[i];
      int type = row_sense[i] == 0 ? GLP_UP : row_sense[i] == 1 ? GLP_LO : GLP_FX;
      glp_set_row_bnds(P, first + i, type, rhs, rhs);
      // glp_set_mat_row reads entries 1..len; shift the 0-based arrays.
      int len = starts[i + 1] - starts[i];
      glp_set_mat_row(P, first + i, len, ja + starts[i] - 1, ar + starts[i] - 1);
    }
  });
  return 0;
}

int cglpk_shims_intopt(void *P, const void *parm, int *ret) {
  CGLPK_GUARDED(*ret = glp_intopt(P, (const glp_iocp *)parm));
  return 0;
}

int cglpk_shims_write_mps(void *P, int fmt, const char *fname, int *ret) {
  CGLPK_GUARDED(*ret = glp_write_mps(P, fmt, NULL, fname));
  return 0;
}

int cglpk_shims_write_lp(void *P, const char *fname, int *ret) {
  CGLPK_GUARDED(*ret = glp_write_lp(P, NULL, fname));
  return 0;
}

int cglpk_shims_read_mps(void *P, int fmt, const char *fname, int *ret) {
  CGLPK_GUARDED(*ret = glp_read_mps(P, fmt, NULL, fname));
  return 0;
}

int cglpk_shims_read_lp(void *P, const char *fname, int *ret) {
  CGLPK_GUARDED(*ret = glp_read_lp(P, NULL, fname));
  return 0;
}

int cglpk_shims_provoke_fatal_error(void) {
  glp_prob *P = glp_create_prob();
  CGLPK_GUARDED(glp_add_cols(P, -1));
  glp_delete_prob(P);
  return 0;
}

#endif
