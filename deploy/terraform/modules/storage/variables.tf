variable "name" {
  description = "Name prefix of the buckets."
  type        = string
}

variable "backup_retention_days" {
  description = "Days a backup is kept (at least 31, past the move to infrequent access)."
  type        = number
}

variable "force_destroy" {
  description = "Allow destroying non-empty buckets (dev)."
  type        = bool
}
