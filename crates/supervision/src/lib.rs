//! The rules of the supervision workflows, one module per workflow: their states, the steps
//! between them and which side may take each, and their deadlines on the court calendar. Pure:
//! who the people are, where the records are kept and the audit trail belong to the application.

pub mod duban;
pub mod limit_request;
