//! Generators at the top level of a projection (`select(explode(a))`, `withColumn("x", explode(a))`): Spark's
//! `Generate`. The projection is planned over a `Generate` node whose output is the input's columns followed by the
//! generator's; the generator's item becomes references to those. Spark allows one generator per projection and
//! none nested in an expression.

use crate::analyzer::Analyzer;
use crate::functions::generator::nested_generator;
use crate::logical::{Column, Expr, ExprKind, Node, Plan};
use crate::types::{DataType, Field};
use crate::{Result, SparkError};

/// A projection item: expression, output name, whether the name was given by an alias.
type Item = (Expr, String, bool);

/// The columns a generator call produces, in order: Spark's `elementSchema`, all nullable for the `_outer` forms.
pub(crate) fn generator_fields(generator: &Expr) -> Result<Vec<Field>> {
    let ExprKind::Call { func, args, .. } = &generator.kind else {
        return Err(SparkError::internal("a generator that is not a call"));
    };
    let outer = func.name.ends_with("_outer");
    let position = func.name.starts_with("posexplode");
    let mut fields = Vec::new();
    if position {
        fields.push(Field::new("pos", DataType::Integer, false));
    }
    match (&args[0].data_type, func.name.starts_with("inline")) {
        (DataType::Array { element, contains_null }, true) => {
            let DataType::Struct(struct_fields) = &**element else {
                return Err(SparkError::internal("inline of a non-struct array"));
            };
            fields.extend(struct_fields.iter().map(|f| Field::new(f.name.clone(), f.data_type.clone(), f.nullable || *contains_null)));
        }
        (DataType::Array { element, contains_null }, false) => fields.push(Field::new("col", (**element).clone(), *contains_null)),
        (DataType::Map { key, value, value_contains_null }, false) => {
            fields.push(Field::new("key", (**key).clone(), false));
            fields.push(Field::new("value", (**value).clone(), *value_contains_null));
        }
        _ => return Err(SparkError::internal("a generator over an unexpected type")),
    }
    if outer {
        fields.iter_mut().for_each(|f| f.nullable = true);
    }
    Ok(fields)
}

/// Spark's error for a generator in a clause other than a projection (a filter, ...).
pub(crate) fn generator_outside_select(found: &str) -> SparkError {
    SparkError::new("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", format!("The generator is not supported: outside the SELECT clause, found: {found}."))
        .with_sql_state("42K0E")
}

impl Analyzer<'_> {
    /// Plans the generator among `items`, if any: returns the plan the projection reads (a `Generate` over `input`,
    /// or `input` itself) and the items with the generator's replaced by its output columns. `aliases`: the names
    /// of a multi-name alias (`posexplode(a).as(Seq("p", "v"))`) on the generator, if one was written.
    pub(crate) fn plan_generator(&mut self, input: Plan, items: Vec<Item>, aliases: Option<Vec<String>>) -> Result<(Plan, Vec<Item>)> {
        for (e, _, _) in &items {
            if !e.is_generator() && e.find_generator().is_some() {
                return Err(nested_generator(e));
            }
        }
        // Several generators (Spark 4): planned one over the other, in order (each input row yields the product).
        let count = items.iter().filter(|i| i.0.is_generator()).count();
        if count > 1 && aliases.is_some() {
            return Err(SparkError::unsupported("several generators in one projection, one with a multi-name alias"));
        }
        let mut plan = input;
        let mut items = items;
        let mut aliases = aliases;
        while let Some(position) = items.iter().position(|i| i.0.is_generator()) {
            (plan, items) = self.plan_one_generator(plan, items, position, aliases.take())?;
        }
        Ok((plan, items))
    }

    fn plan_one_generator(&mut self, input: Plan, items: Vec<Item>, position: usize, aliases: Option<Vec<String>>) -> Result<(Plan, Vec<Item>)> {
        let (generator, name, aliased) = items[position].clone();
        let fields = generator_fields(&generator)?;
        // One alias names a one-column generator; a multi-name alias must name every column.
        let names: Vec<String> = match (aliases, aliased) {
            (Some(names), _) => names,
            (None, true) => vec![name],
            (None, false) => fields.iter().map(|f| f.name.clone()).collect(),
        };
        if names.len() != fields.len() {
            return Err(SparkError::new(
                "UDTF_ALIAS_NUMBER_MISMATCH",
                format!(
                    "The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected {} aliases, but got {}.",
                    fields.len(),
                    names.join(", ")
                ),
            )
            .with_sql_state("42802"));
        }
        let generated: Vec<Column> = fields
            .iter()
            .zip(&names)
            .map(|(f, n)| Column { id: self.new_id(), name: n.clone(), qualifier: vec![], data_type: f.data_type.clone(), nullable: f.nullable })
            .collect();
        let mut output = input.output.clone();
        output.extend(generated.iter().cloned());
        let outputs = generated.iter().map(|c| c.id).collect();
        let plan = Plan { node: Node::Generate { input: Box::new(input), generator, outputs }, output, plan_id: None };
        let mut rewritten: Vec<Item> = Vec::with_capacity(items.len() + generated.len());
        for (i, item) in items.into_iter().enumerate() {
            if i == position {
                rewritten.extend(generated.iter().map(|c| (crate::analyzer::column_expr(c, &c.name), c.name.clone(), false)));
            } else {
                rewritten.push(item);
            }
        }
        Ok((plan, rewritten))
    }
}
