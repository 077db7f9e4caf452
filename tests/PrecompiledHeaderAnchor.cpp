// The window's tests reuse the precompiled header of the target this file makes, which has
// nothing else to compile.
