/** Charts people look at: PNG line charts drawn with XChart, written atomically. */
package org.losslab.report;
