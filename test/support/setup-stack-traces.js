// jest setupFiles: runs in each test file's environment before the test, so cdktf (loaded there) sees it.
require("../../token-stack-traces").limitTokenStackTraces(Error);
