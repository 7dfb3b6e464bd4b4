//! The model catalog's Python face (`crate::catalog`), for `fastconverse.models` and the
//! client's preflight.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::de::to_json;
use crate::catalog::{Catalog, CATALOG_JSON};

/// The catalog file's text, as compiled in: the one copy `fastconverse.models` parses.
#[pyfunction(name = "_catalog_json")]
fn catalog_json() -> &'static str {
    CATALOG_JSON
}

/// The catalog family key of a model id (`None`: unknown), matched as LocalBedrock does.
#[pyfunction(name = "_catalog_match")]
fn catalog_match(model_id: &str) -> Option<String> {
    Catalog::builtin().lookup(model_id).map(|f| f.id.clone())
}

/// What the model of a Converse request (boto3's keywords, `modelId` included) lacks:
/// `(feature, path, Bedrock's message)` tuples, in the order LocalBedrock checks them.
#[pyfunction(name = "_catalog_check")]
fn catalog_check(
    request: &Bound<'_, PyDict>,
    streaming: bool,
) -> PyResult<Vec<(String, String, String)>> {
    let Some(model_id) = request.get_item("modelId")? else {
        return Ok(Vec::new());
    };
    let Ok(model_id) = model_id.extract::<String>() else {
        return Ok(Vec::new());
    };
    let value =
        to_json(request.as_any(), "request").map_err(|err| PyValueError::new_err(err.message))?;
    Ok(Catalog::builtin()
        .check(&model_id, &value, streaming)
        .into_iter()
        .map(|p| (p.feature, p.path, p.message))
        .collect())
}

/// Adds the catalog's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(catalog_json, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_match, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_check, m)?)
}
