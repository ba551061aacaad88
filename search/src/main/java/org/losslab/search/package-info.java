/** Comparative searches over presets and hyperparameters: Arbiter's parameter spaces and generators, candidates trained in parallel, ranked results. */
package org.losslab.search;
