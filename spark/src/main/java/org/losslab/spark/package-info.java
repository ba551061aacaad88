/** Searches and the lecture on Apache Spark: {@link org.losslab.spark.SparkRunner} trains each candidate as a task. */
package org.losslab.spark;
