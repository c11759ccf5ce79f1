// Compiled only so the shared precompiled header of the test executables has an owner; it
// links with gtest_main and has no tests, so it is never run.
