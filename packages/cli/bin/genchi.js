#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size=4: a young generation of 4 MiB semi-spaces instead of up to 16 keeps a busy
// server about 45 MB smaller for a few percent more CPU (see docs/architecture.md, "Memory").
import '../dist/main.js';
