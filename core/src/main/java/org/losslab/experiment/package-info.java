/** Training runs of a preset network with their records, checkpoints and statistics, and the lecture's single sigmoid neuron. */
package org.losslab.experiment;
