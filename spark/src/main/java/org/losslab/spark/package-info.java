/** Searches and the lecture on Apache Spark: {@link org.losslab.spark.SparkRunner} trains each candidate as one Spark task. */
package org.losslab.spark;
