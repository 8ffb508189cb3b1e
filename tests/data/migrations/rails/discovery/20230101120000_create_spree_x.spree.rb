class CreateSpreeX < ActiveRecord::Migration[5.0]
  def change
    create_table :spree_x
  end
end
