// The system GLPK header (Debian: libglpk-dev). No pkg-config file exists.
#include <glpk.h>
