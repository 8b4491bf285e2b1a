#!/usr/bin/env node
"use strict";
// Writes RULES.md from the policy rules themselves (npm run rules). test/policy/rules-markdown.test.ts fails when
// the committed RULES.md differs from what this writes.
const fs = require("fs");
const path = require("path");
require("../register.js");
const { DEFAULT_POLICY_PACKS, rulesMarkdown } = require("../lib/policy");

const target = path.join(__dirname, "..", "RULES.md");
fs.writeFileSync(target, rulesMarkdown(DEFAULT_POLICY_PACKS));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${DEFAULT_POLICY_PACKS.reduce((n, p) => n + p.rules.length, 0)} rules)\n`);
