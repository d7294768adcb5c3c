#!/usr/bin/env node
// The `postkorb` command: runs the TypeScript CLI through tsx (Node 20 cannot strip types itself).
import { register } from "tsx/esm/api";

register();
await import("./cli/main.ts");
