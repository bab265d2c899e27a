package org.apache.spark.sql.duckdb

import org.apache.spark.sql
import org.apache.spark.sql.expressions.{UserDefinedAggregateFunction, UserDefinedFunction}
import org.apache.spark.sql.types.DataType

/** `spark.udf`: user-defined functions are not supported yet (closures need a callback path from the engine). */
class UDFRegistration private[duckdb] (session: SparkSession) extends sql.UDFRegistration {

  /** @inheritdoc */
  override def registerJava(name: String, className: String, returnDataType: DataType): Unit =
    NotSupportedYet("UDFRegistration.registerJava")

  /** @inheritdoc */
  override def register(name: String, udaf: UserDefinedAggregateFunction): UserDefinedAggregateFunction =
    NotSupportedYet("UDFRegistration.register")

  /** @inheritdoc */
  override protected def register(name: String, udf: UserDefinedFunction, source: String,
      validateParameterCount: Boolean): UserDefinedFunction = NotSupportedYet("UDFRegistration.register")
}
