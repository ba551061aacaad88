/** MNIST-format data: IDX files, where they are found or downloaded, DataVec reading and in-memory mini-batches. */
package org.losslab.data;
