class RestateTitle < ActiveRecord::Migration[5.2]
  def up
    change_column :posts, :title, :string, limit: 300, null: false
  end

  def down
    change_column :posts, :title, :string, limit: 255, null: false
  end
end
