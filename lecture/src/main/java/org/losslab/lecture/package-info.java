/** The lecture "Losses and activations" reproduced end to end: its runs as parallel searches, and its report. */
package org.losslab.lecture;
