terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # State in S3 with locking; pass the bucket and key per environment:
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="key=waymark/dev.tfstate" \
  #     -backend-config="region=eu-west-1" -backend-config="use_lockfile=true"
  backend "s3" {}
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "waymark"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
