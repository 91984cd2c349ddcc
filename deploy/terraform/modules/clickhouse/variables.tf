variable "name" {
  description = "Name prefix."
  type        = string
}

variable "create" {
  description = "Create the EC2 server (false when a managed ClickHouse is used)."
  type        = bool
}

variable "vpc_id" {
  description = "VPC of the server."
  type        = string
}

variable "subnet_id" {
  description = "Private subnet of the server."
  type        = string
}

variable "client_sg_id" {
  description = "Security group of the clients (Waymark tasks)."
  type        = string
}

variable "instance_type" {
  description = "EC2 instance type."
  type        = string
}

variable "volume_gib" {
  description = "Data volume size (GiB)."
  type        = number
}

variable "backup_bucket" {
  description = "Bucket that BACKUP ... TO S3 writes to (prefix clickhouse/)."
  type        = string
}
