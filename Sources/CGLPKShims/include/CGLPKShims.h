// Shims around GLPK calls that GLPK may abort in; filled in by the GLPK backend.
#pragma once
