variable "name" {
  description = "Cluster name."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the brokers."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets, one per zone."
  type        = list(string)
}

variable "client_sg_id" {
  description = "Security group of the clients (Waymark tasks)."
  type        = string
}

variable "kafka_version" {
  description = "Kafka version."
  type        = string
}

variable "instance_type" {
  description = "Broker instance type."
  type        = string
}

variable "brokers_per_az" {
  description = "Brokers per zone."
  type        = number
}

variable "volume_gib" {
  description = "EBS volume per broker (GiB)."
  type        = number
}

variable "log_retention_days" {
  description = "Broker log retention in CloudWatch."
  type        = number
}
