/** What LossLab changes in ND4J 1.0.0-beta7 at run time, by one explicit call ({@code Nd4jSetup.install()}): operations that keep their arrays alive, less garbage, one UUID generator per thread. */
package org.losslab.nd4j;
