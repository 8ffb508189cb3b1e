defmodule Sanbase.Repo.Migrations.Tighten do
  use Ecto.Migration

  def change do
    drop(constraint(:featured_items, :only_one_fk))
    create(constraint(:featured_items, :only_one_fk, check: "post_id IS NOT NULL"))
  end
end
