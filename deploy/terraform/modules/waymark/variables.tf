variable "name" {
  description = "Name prefix."
  type        = string
}

variable "region" {
  description = "AWS region (logs, remote write)."
  type        = string
}

variable "vpc_id" {
  description = "VPC."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets of the load balancer."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets of the tasks."
  type        = list(string)
}

variable "task_sg_id" {
  description = "Security group of the tasks (admitted by MSK, RDS and ClickHouse)."
  type        = string
}

variable "allowed_ingress_cidrs" {
  description = "Who may reach the load balancer."
  type        = list(string)
}

variable "certificate_arn" {
  description = "ACM certificate; empty for plain HTTP."
  type        = string
}

variable "image" {
  description = "Waymark container image."
  type        = string
}

variable "desired_count" {
  description = "Number of tasks."
  type        = number
}

variable "cpu" {
  description = "Task CPU units."
  type        = number
}

variable "memory" {
  description = "Task memory (MiB)."
  type        = number
}

variable "java_opts" {
  description = "JVM options."
  type        = string
}

variable "log_retention_days" {
  description = "Log retention."
  type        = number
}

variable "deletion_protection" {
  description = "Protect the load balancer."
  type        = bool
}

variable "kafka_bootstrap_servers" {
  description = "MSK TLS bootstrap brokers."
  type        = string
}

variable "datasource_url" {
  description = "JDBC URL of the metadata database."
  type        = string
}

variable "datasource_secret_arn" {
  description = "Secret with the database username and password (JSON keys username, password)."
  type        = string
}

variable "clickhouse_url" {
  description = "ClickHouse HTTP endpoint."
  type        = string
}

variable "clickhouse_password_secret_arn" {
  description = "Secret with the ClickHouse password of user 'waymark' (empty: none)."
  type        = string
  default     = ""
}

variable "exports_bucket_arn" {
  description = "Exports bucket."
  type        = string
}

variable "backups_bucket_arn" {
  description = "Backups bucket."
  type        = string
}

variable "amp_remote_write_url" {
  description = "Managed Prometheus remote write URL (empty: no metrics sidecar)."
  type        = string
  default     = ""
}

variable "amp_workspace_arn" {
  description = "Managed Prometheus workspace ARN (empty when disabled)."
  type        = string
  default     = ""
}
