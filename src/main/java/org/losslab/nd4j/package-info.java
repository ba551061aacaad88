/** What LossLab changes in ND4J 1.0.0-beta7 at run time: operations that keep their arrays alive, and less garbage. */
package org.losslab.nd4j;
