variable "name" {
  description = "Instance identifier."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two zones."
  type        = list(string)
}

variable "client_sg_id" {
  description = "Security group of the clients (Waymark tasks)."
  type        = string
}

variable "instance_class" {
  description = "Instance class."
  type        = string
}

variable "allocated_gib" {
  description = "Initial storage (GiB)."
  type        = number
}

variable "multi_az" {
  description = "Standby in a second zone."
  type        = bool
}

variable "engine_version" {
  description = "PostgreSQL major version."
  type        = string
}

variable "backup_retention_days" {
  description = "Automated backup retention (max 35)."
  type        = number
}

variable "deletion_protection" {
  description = "Refuse deletion; keep a final snapshot."
  type        = bool
}
