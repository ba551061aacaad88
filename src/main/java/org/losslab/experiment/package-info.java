/** Experiments that train presets and record what the lecture talks about, such as the single sigmoid neuron. */
package org.losslab.experiment;
