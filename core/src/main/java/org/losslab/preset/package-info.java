/** The lecture's choices (cost, output activation, hidden activation, initialisation) and the thin builder that turns them into DL4J networks. */
package org.losslab.preset;
