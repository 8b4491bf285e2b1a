"use strict";
/**
 * What the machine line of a benchmark says about NODE_EXTRA_CA_CERTS: Node 20 parses that whole bundle when a
 * process starts (60-100 ms for a 144-certificate bundle on the project's 2-core VM), so with it set every
 * measured process, the empty app included, pays that before any of its code runs.
 */
function caCertsNote() {
  return process.env.NODE_EXTRA_CA_CERTS ? ", NODE_EXTRA_CA_CERTS set (every node process parses it at start)" : "";
}

module.exports = { caCertsNote };
