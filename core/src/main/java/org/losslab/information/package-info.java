/** Information theory for the lecture: entropy, cross-entropy and KL divergence of discrete distributions. */
package org.losslab.information;
